// The follow-up inventory at scale: a generated tenant of 60,000 people and 4,000 units with 5,000
// demands written by the product's own generator (inventory/synthetic.ts), scoped to roles in
// units all over the chain. Times the burden for the whole tenant, a mid-level unit and a leaf,
// grouped several ways, and every other inventory view, on PGlite and PostgreSQL.
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/core/config.ts";
import type { Database } from "../src/server/core/db.ts";
import * as store from "../src/server/inventory/store.ts";
import { generateDemands } from "../src/server/inventory/synthetic.ts";
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
  const written = await generateDemands(db, tenant.id, { demands: DEMANDS, seed: 5 });
  console.log(
    `${label}: tenant and ${written.demands} demands (${written.retired} retired, ${written.estimates} estimates, ${written.uses} uses) in ${seconds(start).toFixed(1)} s`,
  );

  const app = await buildApp({ config: { ...loadConfig({ LOG_LEVEL: "silent" }), demo: false }, database });
  await app.ready();
  const units = await orgStore.chainUnits(db, tenant.id);
  const [analyst] = await orgStore.roleHolders(db, tenant.id, "analyst", "anywhere");
  const [employee] = await orgStore.roleHolders(db, tenant.id, "employee", "anywhere");
  const analystClient = await clientFor(app, { id: analyst.id, tenantId: tenant.id });
  const employeeClient = await clientFor(app, { id: employee.id, tenantId: tenant.id });
  const depth = (path: string) => path.split("/").filter(Boolean).length;
  const leaf = units.reduce((deepest, unit) => (depth(unit.path) > depth(deepest.path) ? unit : deepest));
  const mid = units.find((unit) => depth(unit.path) === 3) ?? leaf;
  const [demand] = await store.listDemands(db, tenant.id, ["active"]);
  const views: [string, string, typeof analystClient][] = [
    ...["role", "requester", "unit", "demand"].map((groupBy): [string, string, typeof analystClient] => [
      `burden, whole tenant, by ${groupBy}`,
      `/api/inventory/burden?groupBy=${groupBy}`,
      analystClient,
    ]),
    [
      "burden, a mid-level unit, by unit",
      `/api/inventory/burden?unitId=${mid.id}&groupBy=unit`,
      analystClient,
    ],
    ["burden, a leaf unit, by role", `/api/inventory/burden?unitId=${leaf.id}&groupBy=role`, analystClient],
    ["register (demands)", "/api/inventory/demands", analystClient],
    ["register, a mid-level unit", `/api/inventory/demands?unitId=${mid.id}`, analystClient],
    ["trust profile", "/api/inventory/profile", analystClient],
    ["flags", "/api/inventory/flags", analystClient],
    ["freed hours", "/api/inventory/freed", analystClient],
    ["a reporter's own demands (mine)", "/api/inventory/mine", employeeClient],
    ["a demand's page", `/api/inventory/demands/${demand.id}`, analystClient],
  ];
  const rows = [];
  for (const [view, path, client] of views) {
    start = performance.now();
    let bytes = 0;
    const time = await timed(async () => {
      const response = await client.get(path);
      if (response.statusCode !== 200) throw new Error(response.body);
      bytes = response.rawPayload.length;
    }, 10);
    rows.push({
      database: label,
      view,
      "median ms": time.median.toFixed(0),
      "p90 ms": time.p90.toFixed(0),
      "first ms": time.first.toFixed(0),
      kB: (bytes / 1024).toFixed(0),
    });
  }
  await app.close();
  return rows;
}

export async function run() {
  console.log(
    `\nInventory burden: ${EMPLOYEES.toLocaleString("sv-SE")} people, ${UNITS.toLocaleString("sv-SE")} units, ${DEMANDS.toLocaleString("sv-SE")} demands (GET /api/inventory/…)`,
  );
  console.table(await onEachDatabase(bench));
}
