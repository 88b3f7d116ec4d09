// `npm run bench`: runs every benchmark in turn (or the ones named: `npm run bench -- org-import`).
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const wanted = process.argv.slice(2);
const benches = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith(".ts") && file !== "run.ts" && file !== "lib.ts")
  .filter((file) => !wanted.length || wanted.includes(file.replace(/\.ts$/, "")));

console.log(
  `Tillit benchmarks on ${process.platform} ${process.arch}, Node ${process.version}, ${os.availableParallelism()} cores`,
);
for (const file of benches) {
  const bench = (await import(pathToFileURL(path.join(import.meta.dirname, file)).href)) as {
    run(): Promise<void>;
  };
  await bench.run();
}
