// Imports a generated municipality of 60,000 people and 4,000 units, then the same files again
// (which must change nothing), on PGlite and — when reachable — PostgreSQL. Prints the figures.
import { randomBytes } from "node:crypto";
import type { Database } from "../src/server/core/db.ts";
import { generateOrg } from "../src/server/demo/synthetic.ts";
import type { ImportPreview } from "../src/server/org/import-model.ts";
import { applyImport, prepareImport } from "../src/server/org/import-service.ts";
import * as orgStore from "../src/server/org/store.ts";
import { mib, onEachDatabase, seconds } from "./lib.ts";

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 60_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 4_000);

/** Rows the apply writes: units and people created, changed or deactivated, roles begun or ended. */
const written = ({ units, people, memberships }: ImportPreview) =>
  units.new +
  units.changed +
  units.deactivated +
  people.new +
  people.changed +
  people.deactivated +
  memberships.new +
  memberships.ended;

async function timeImport(database: Database, label: string, files: { unitsCsv: string; peopleCsv: string }) {
  const tenant = await orgStore.createTenant(database.db, {
    slug: `bench-${randomBytes(3).toString("hex")}`,
    name: "Benchkommun",
  });
  const rows = [];
  for (const round of ["first import", "same files again"]) {
    let start = performance.now();
    const { id, preview } = await prepareImport(database.db, {
      tenantId: tenant.id,
      createdBy: null,
      fullImport: true,
      ...files,
    });
    const checked = seconds(start);
    start = performance.now();
    let progressCalls = 0;
    await applyImport(database.db, id, () => {
      progressCalls++;
    });
    const applied = seconds(start);
    rows.push({
      database: label,
      round,
      "check+preview s": checked.toFixed(1),
      "apply s": applied.toFixed(1),
      "rows written": written(preview),
      "rows/s (apply)": Math.round(written(preview) / applied),
      "people/s (total)": Math.round(EMPLOYEES / (checked + applied)),
      "new people": preview.people.new,
      "changed people": preview.people.changed,
      "progress reports": progressCalls,
      "peak RSS so far": mib(process.resourceUsage().maxRSS * 1024),
    });
  }
  return rows;
}

export async function run() {
  console.log(
    `\nHR import: ${EMPLOYEES.toLocaleString("sv-SE")} people, ${UNITS.toLocaleString("sv-SE")} units (full import)`,
  );
  const start = performance.now();
  const files = generateOrg({ employees: EMPLOYEES, units: UNITS, seed: 1 });
  console.log(
    `generated the files in ${seconds(start).toFixed(2)} s (${mib(files.unitsCsv.length + files.peopleCsv.length)})`,
  );
  console.table(await onEachDatabase((database, label) => timeImport(database, label, files)));
}
