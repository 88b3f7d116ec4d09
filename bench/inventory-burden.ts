// The follow-up inventory at scale: a generated tenant of 60,000 people and 4,000 units with 5,000
// demands of every kind, scoped to roles in units all over the chain. Times the burden request for
// the whole tenant and for a leaf unit, grouped several ways, on PGlite and PostgreSQL.
import { buildApp } from "../src/server/app.ts";
import { ROLES } from "../src/server/core/access.ts";
import { loadConfig } from "../src/server/core/config.ts";
import type { Database } from "../src/server/core/db.ts";
import { createRandom } from "../src/server/demo/random.ts";
import { DEMAND_KINDS, PURPOSES } from "../src/server/inventory/model.ts";
import * as store from "../src/server/inventory/store.ts";
import * as orgStore from "../src/server/org/store.ts";
import { clientFor } from "../src/server/testing/app.ts";
import { onEachDatabase, seconds, syntheticTenant, timed } from "./lib.ts";

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 60_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 4_000);
const DEMANDS = Number(process.env.BENCH_DEMANDS ?? 5_000);

async function bench(database: Database, label: string) {
  const db = database.db;
  let start = performance.now();
  const tenant = await syntheticTenant(database, { employees: EMPLOYEES, units: UNITS, seed: 3 });
  const units = await orgStore.chainUnits(db, tenant.id);
  const random = createRandom(5);
  const depth = (path: string) => path.split("/").filter(Boolean).length;
  // Demands asked of roles in units at every level: a few of the whole board, most of an area or a unit.
  const demands = Array.from({ length: DEMANDS }, (_, i) => {
    const scope = random.pick(units.filter((_, n) => n % (1 + (i % 7)) === 0));
    const population = random.next() < 0.1;
    return {
      tenantId: tenant.id,
      code: `B${i}`,
      title: `Krav ${i}`,
      kind: random.pick(DEMAND_KINDS),
      purpose: random.pick(PURPOSES),
      requesterUnitId: random.pick(units.filter((unit) => depth(unit.path) <= 2)).id,
      reporters: population
        ? { population: random.int(5, 500), unitId: scope.id }
        : {
            roles: [
              random.pick(["employee", "manager", "employee"] as const),
              ...(random.next() < 0.2 ? [random.pick(ROLES)] : []),
            ],
            unitIds: [scope.id],
          },
      frequencyPerYear: random.pick([1, 2, 4, 12, 52]),
      minutesPerOccurrence: random.int(5, 240),
      dataFields: [`Fält ${random.int(1, 400)}`],
      status: "active" as const,
      existing: true,
    };
  });
  await store.insertDemands(db, demands);
  console.log(`${label}: tenant and ${DEMANDS} demands in ${seconds(start).toFixed(1)} s`);

  const app = await buildApp({ config: { ...loadConfig({ LOG_LEVEL: "silent" }), demo: false }, database });
  await app.ready();
  const [analyst] = await orgStore.roleHolders(db, tenant.id, "analyst", "anywhere");
  const client = await clientFor(app, { id: analyst.id, tenantId: tenant.id });
  const leaf = units.find(
    (unit) => !units.some((other) => other.path !== unit.path && other.path.startsWith(unit.path)),
  )!;
  const rows = [];
  for (const [where, query] of [
    ["whole tenant", ""],
    ["a leaf unit", `unitId=${leaf.id}&`],
  ] as const)
    for (const groupBy of ["role", "requester", "unit"]) {
      start = performance.now();
      const time = await timed(async () => {
        const response = await client.get(`/api/inventory/burden?${query}groupBy=${groupBy}`);
        if (response.statusCode !== 200) throw new Error(response.body);
      }, 10);
      rows.push({
        database: label,
        burden: `${where}, by ${groupBy}`,
        "median ms": time.median.toFixed(0),
        "p90 ms": time.p90.toFixed(0),
        "first ms": time.first.toFixed(0),
      });
    }
  await app.close();
  return rows;
}

export async function run() {
  console.log(
    `\nInventory burden: ${EMPLOYEES.toLocaleString("sv-SE")} people, ${UNITS.toLocaleString("sv-SE")} units, ${DEMANDS.toLocaleString("sv-SE")} demands (GET /api/inventory/burden)`,
  );
  console.table(await onEachDatabase(bench));
}
