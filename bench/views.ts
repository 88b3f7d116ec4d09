// Every view at Göteborg's size, over real HTTP: a generated tenant of 60,000 people in 4,000 units
// (depth 7), with its demands, barometer rounds and follow-up written by the product's own
// generators. For each view: the first request, p50 and p95, and the route ÷ its own SQL (the
// statements it sent, recorded at the driver and replayed alternately with the requests). Prints
// one table per database and which goal each view meets (issue 11: < 100 ms p95 on PostgreSQL and
// < 300 ms on PGlite, first request included; route ÷ SQL ≤ 1.3 where the SQL takes > 10 ms).

import { BANK } from "../src/server/barometer/bank.ts";
import { writeClosedRounds } from "../src/server/barometer/synthetic.ts";
import type { Database } from "../src/server/core/db.ts";
import { generateFollowup } from "../src/server/followup/synthetic.ts";
import { generateDemands } from "../src/server/inventory/synthetic.ts";
import { chainUnits, roleHolders } from "../src/server/org/service.ts";
import {
  analyse,
  type DatabaseLabel,
  listeningApp,
  machineLoad,
  measureView,
  onEachDatabase,
  seconds,
  sqlRecorder,
  syntheticTenant,
  type ViewFigures,
} from "./lib.ts";

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 60_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 4_000);
const DEMANDS = Number(process.env.BENCH_DEMANDS ?? 5_000);
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 12_000);
/** Six rounds for each of the four boards: 24 closed rounds. */
const ROUNDS_PER_BOARD = 6;
const SCALE_ITEMS = BANK.filter((item) => item.kind === "scale")
  .slice(0, 11)
  .map((item) => item.id);
/** Only the views whose name contains this, e.g. BENCH_VIEWS=barometer. */
const ONLY = process.env.BENCH_VIEWS;

const LIMIT_MS: Record<DatabaseLabel, number> = { PostgreSQL: 100, PGlite: 300 };
const RATIO_LIMIT = 1.3;
const RATIO_APPLIES_ABOVE_MS = 10;

type View = { name: string; path: string; as: Viewer };
type Viewer = "analyst" | "manager" | "director" | "admin";

async function bench(database: Database, label: DatabaseLabel) {
  const db = database.db;
  let start = performance.now();
  const tenant = await syntheticTenant(database, { employees: EMPLOYEES, units: UNITS, seed: 7 });
  const units = await chainUnits(db, tenant.id);
  const depth = Math.max(...units.map((unit) => unit.path.split("/").filter(Boolean).length));
  console.log(
    `${label}: ${EMPLOYEES.toLocaleString("sv-SE")} people in ${units.length.toLocaleString("sv-SE")} units (depth ${depth}) in ${seconds(start).toFixed(0)} s`,
  );
  start = performance.now();
  await generateDemands(db, tenant.id, { demands: DEMANDS, seed: 5 });
  const followup = await generateFollowup(db, tenant.id, { actions: ACTIONS, seed: 9 });
  const boards = units.filter((unit) => unit.path.split("/").filter(Boolean).length === 2);
  const barometer = await writeClosedRounds(db, tenant.id, {
    scopes: boards,
    rounds: ROUNDS_PER_BOARD,
    itemIds: SCALE_ITEMS,
  });
  await analyse(database);
  console.log(
    `${label}: ${DEMANDS.toLocaleString("sv-SE")} demands, ${followup.actions.toLocaleString("sv-SE")} actions, ${followup.expectations.toLocaleString("sv-SE")} expectations, ${barometer.rounds.length} closed rounds in ${seconds(start).toFixed(0)} s`,
  );
  const leaf = deepestUnit(units);
  const people = await viewers(db, tenant.id);
  const latest = barometer.rounds.at(-1);
  if (!latest) throw new Error("no barometer round was written");
  const scope = units.find((unit) => unit.id === latest.unitId);
  const roundLeaf = deepestUnit(units.filter((unit) => scope && unit.path.startsWith(scope.path)));
  // A unit in the middle of the chain (a verksamhetsområde), with a level of units below it.
  const middle = units.find((unit) => unit.path.split("/").filter(Boolean).length === 5) ?? leaf;
  const views = viewsOf({ leaf, middle, round: latest, roundLeaf }).filter(
    (view) => !ONLY || view.name.includes(ONLY),
  );

  const server = await listeningApp(database);
  const recorder = sqlRecorder(database);
  const headers: Record<Viewer, Record<string, string>> = {
    analyst: await server.signIn(people.analyst),
    manager: await server.signIn(people.manager),
    director: await server.signIn(people.director),
    admin: await server.signIn(people.admin),
  };
  const rows = [];
  try {
    for (const view of views) {
      const figures = await measureView(server, recorder, {
        path: view.path,
        headers: headers[view.as],
        tenantId: tenant.id,
      });
      rows.push(row(label, view, figures));
    }
  } finally {
    recorder.restore();
    await server.close();
  }
  return rows;
}

/** Every view of the table and each module's lists, as the people who use them ask. */
type Subjects = {
  leaf: { id: string };
  middle: { id: string };
  round: { id: string };
  roundLeaf: { id: string };
};

function viewsOf({ leaf, middle, round, roundLeaf }: Subjects): View[] {
  const rounds = `/api/barometer/rounds/${round.id}`;
  return [
    { name: "signed-in person (auth/me)", path: "/api/auth/me", as: "manager" },
    { name: "org: unit tree, roots", path: "/api/units", as: "analyst" },
    { name: "org: a unit's sub-units", path: `/api/units?parentId=${middle.id}`, as: "analyst" },
    { name: "org: unit search", path: "/api/units?q=skola", as: "analyst" },
    { name: "org: people, first page", path: "/api/people", as: "analyst" },
    { name: "org: people search", path: "/api/people?q=anna", as: "analyst" },
    { name: "org: a unit", path: `/api/units/${leaf.id}`, as: "analyst" },
    { name: "inventory: burden by unit", path: "/api/inventory/burden?groupBy=unit", as: "analyst" },
    { name: "inventory: burden by role", path: "/api/inventory/burden?groupBy=role", as: "analyst" },
    {
      name: "inventory: burden by requester",
      path: "/api/inventory/burden?groupBy=requester",
      as: "analyst",
    },
    {
      name: "inventory: burden of a leaf unit",
      path: `/api/inventory/burden?unitId=${leaf.id}&groupBy=unit`,
      as: "analyst",
    },
    { name: "inventory: demands", path: "/api/inventory/demands", as: "analyst" },
    { name: "inventory: trust profile", path: "/api/inventory/profile", as: "analyst" },
    { name: "inventory: flags", path: "/api/inventory/flags", as: "analyst" },
    { name: "inventory: hours freed", path: "/api/inventory/freed", as: "analyst" },
    { name: "inventory: my demands", path: "/api/inventory/mine", as: "manager" },
    { name: "follow-up: actions, whole tenant", path: "/api/followup/actions", as: "analyst" },
    { name: "follow-up: waiting on us", path: "/api/followup/actions?waiting=true", as: "director" },
    { name: "follow-up: actions, a director's", path: "/api/followup/actions", as: "director" },
    {
      name: "follow-up: open upward requests",
      path: "/api/followup/actions?state=proposed&direction=upward",
      as: "analyst",
    },
    { name: "follow-up: responsiveness", path: "/api/followup/responsiveness", as: "analyst" },
    { name: "follow-up: responsiveness, a director's", path: "/api/followup/responsiveness", as: "director" },
    { name: "follow-up: a unit's page", path: `/api/followup/units/${leaf.id}`, as: "analyst" },
    { name: "follow-up: dialogue meetings", path: "/api/followup/dialogues", as: "analyst" },
    { name: "barometer: rounds", path: "/api/barometer/rounds", as: "analyst" },
    { name: "barometer: results, whole round", path: `${rounds}/results`, as: "analyst" },
    {
      name: "barometer: results of a leaf unit",
      path: `${rounds}/results?unitId=${roundLeaf.id}`,
      as: "analyst",
    },
    { name: "barometer: overview with trend", path: `${rounds}/overview`, as: "analyst" },
    { name: "barometer: heatmap", path: `${rounds}/heatmap`, as: "analyst" },
    { name: "admin: audit log", path: "/api/admin/audit", as: "admin" },
    { name: "admin: jobs", path: "/api/jobs", as: "admin" },
  ];
}

function row(label: DatabaseLabel, view: View, figures: ViewFigures) {
  const fast = figures.p95 < LIMIT_MS[label] && figures.first < LIMIT_MS[label];
  const ratioApplies = figures.sqlP50 > RATIO_APPLIES_ABOVE_MS;
  const lean = !ratioApplies || figures.ratio <= RATIO_LIMIT;
  return {
    database: label,
    view: view.name,
    "first ms": figures.first.toFixed(0),
    "p50 ms": figures.p50.toFixed(1),
    "p95 ms": figures.p95.toFixed(1),
    "SQL p50 ms": figures.sqlP50.toFixed(1),
    "route÷SQL": figures.ratio.toFixed(2),
    statements: figures.statements,
    kB: (figures.bytes / 1024).toFixed(0),
    goal:
      [fast ? "" : `slow (> ${LIMIT_MS[label]} ms)`, lean ? "" : `route÷SQL > ${RATIO_LIMIT}`]
        .filter(Boolean)
        .join(", ") || "met",
  };
}

function deepestUnit<T extends { path: string }>(units: T[]): T {
  const depth = (unit: T) => unit.path.split("/").length;
  return units.reduce((deepest, unit) => (depth(unit) > depth(deepest) ? unit : deepest));
}

/** One person per viewpoint: an analyst sees the whole tenant, a manager a unit, a director an administration, an admin the logs. */
async function viewers(
  db: Database["db"],
  tenantId: string,
): Promise<Record<Viewer, { id: string; tenantId: string }>> {
  const first = async (role: Viewer) => {
    const [holder] = await roleHolders(db, tenantId, role, "anywhere");
    if (!holder) throw new Error(`the generated tenant has no ${role}`);
    return { id: holder.id, tenantId };
  };
  return {
    analyst: await first("analyst"),
    manager: await first("manager"),
    director: await first("director"),
    admin: await first("admin"),
  };
}

export async function run() {
  console.log(
    `\nViews over HTTP: ${EMPLOYEES.toLocaleString("sv-SE")} people, ${UNITS.toLocaleString("sv-SE")} units — ${machineLoad()}`,
  );
  console.table(await onEachDatabase(bench));
  console.log(`after the views: ${machineLoad()}`);
}
