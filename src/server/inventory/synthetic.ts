// A follow-up inventory at scale for an existing tenant's chain: demands of every kind asked of roles
// in units at every level (a few of the whole board, most of an area or a unit) or of a counted
// population, some retired this year, with staff estimates, recorded uses, trust placements and
// shared data fields, so the burden, the trust profile, the flags and the freed hours all have real
// work. Deterministic for a seed (ids too); written set-based through the store, one statement per
// thousand rows. The benchmarks (`bench/`) call it after building a synthetic organisation.
import type { Role } from "../core/access.ts";
import type { Db } from "../core/db.ts";
import { createRandom, type Random } from "../demo/random.ts";
import * as org from "../org/service.ts";
import {
  DEMAND_KINDS,
  dateOnly,
  PURPOSES,
  TRUST_DIMENSIONS,
  TRUST_POSITIONS,
  type TrustPlacement,
  USE_KINDS,
} from "./model.ts";
import * as store from "./store.ts";

export type InventoryScale = { demands: number; seed: number; today?: Date };
export type GeneratedInventory = { demands: number; retired: number; estimates: number; uses: number };

const DAY = 24 * 60 * 60 * 1000;
/** Shares of the register: retired demands, demands with staff estimates, with recorded uses. */
const RETIRED = 0.05;
const ESTIMATED = 0.1;
const USED = 0.5;

const depth = (path: string) => path.split("/").filter(Boolean).length;

/** Writes `demands` demands (and their estimates and uses) into the tenant's inventory. */
export async function generateDemands(
  db: Db,
  tenantId: string,
  { demands: count, seed, today = new Date() }: InventoryScale,
): Promise<GeneratedInventory> {
  const random = createRandom(seed);
  const units = await org.chainUnits(db, tenantId);
  const requesters = units.filter((unit) => depth(unit.path) <= 2);
  const reporters = (await org.roleHolders(db, tenantId, "employee", "anywhere")).slice(0, 400);
  const ids = idsFrom(random);
  const day = (daysAgo: number) => dateOnly(new Date(today.getTime() - daysAgo * DAY));

  const demands = Array.from({ length: count }, (_, i) => {
    // Every seventh demand is scoped at any unit, most at a unit from a thinner sample: the register
    // asks a few units many things, as a real one does.
    const scope = random.pick(units.filter((_, n) => n % (1 + (i % 7)) === 0));
    const retired = random.next() < RETIRED;
    return {
      id: ids(),
      tenantId,
      code: `B${i}`,
      title: `Krav ${i}`,
      kind: random.pick(DEMAND_KINDS),
      purpose: random.pick(PURPOSES),
      requesterUnitId: random.pick(requesters).id,
      reporters:
        random.next() < 0.1
          ? { population: random.int(5, 500), unitId: random.next() < 0.8 ? scope.id : null }
          : {
              roles: [
                random.pick(["employee", "manager", "employee"] as const),
                ...(random.next() < 0.2 ? [random.pick(["director", "politician", "analyst"] as const)] : []),
              ] as Role[],
              unitIds: [scope.id],
            },
      frequencyPerYear: random.pick([1, 2, 4, 12, 52]),
      minutesPerOccurrence: random.int(5, 240),
      hourlyCost: random.next() < 0.05 ? random.int(300, 900) : null,
      dataFields: [`Fält ${random.int(1, 400)}`],
      trust: placement(random),
      status: retired ? ("retired" as const) : ("active" as const),
      startDate: day(random.int(400, 3000)),
      endDate: retired ? day(random.int(1, 300)) : null,
      existing: true,
    };
  });
  await store.insertDemands(db, demands);

  const estimates = demands
    .filter(() => random.next() < ESTIMATED)
    .flatMap((demand) =>
      Array.from({ length: random.int(1, 5) }, (_, n) => ({
        tenantId,
        demandId: demand.id,
        personId: reporters[(n + random.int(0, reporters.length - 1)) % reporters.length].id,
        minutes: random.int(5, 240),
      })),
    )
    .filter(uniqueBy((row) => `${row.demandId}|${row.personId}`));
  if (reporters.length) await store.insertEstimates(db, estimates);

  const uses = demands
    .filter(() => random.next() < USED)
    .map((demand) => ({
      tenantId,
      demandId: demand.id,
      kind: random.pick(USE_KINDS),
      description: "Underlag i dialog",
      usedOn: day(random.int(0, 700)),
      source: "manual",
    }));
  await store.insertUses(db, uses);
  await store.analyzeInventory(db);

  return {
    demands: demands.length,
    retired: demands.filter((demand) => demand.status === "retired").length,
    estimates: reporters.length ? estimates.length : 0,
    uses: uses.length,
  };
}

/** Most demands placed on a few of the seven dimensions, as an analyst works through the register. */
function placement(random: Random): TrustPlacement {
  const trust: TrustPlacement = {};
  for (const dimension of TRUST_DIMENSIONS)
    if (random.next() < 0.6) trust[dimension] = random.pick(TRUST_POSITIONS);
  return trust;
}

/** UUIDs drawn from the seed, so the same seed gives the same rows. */
function idsFrom(random: Random) {
  const hex = (digits: number) =>
    Array.from({ length: digits }, () => Math.floor(random.next() * 16).toString(16)).join("");
  return () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

function uniqueBy<T>(key: (item: T) => string) {
  const seen = new Set<string>();
  return (item: T) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
}
