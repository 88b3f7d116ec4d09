// The module shape of docs/architecture.md, checked on the source: every module is in the manifest,
// route files stay thin (no transactions, no audit writes, no SQL), and modules reach each other
// only through services (and pure models). A failure names the file and what it did.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MODULES } from "./modules.ts";

const serverRoot = path.dirname(new URL(import.meta.url).pathname);
/** Folders that are not modules: the platform core, the demo orchestrator and test helpers. */
const INFRASTRUCTURE = new Set(["core", "demo", "testing"]);

const moduleFolders = fs
  .readdirSync(serverRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !INFRASTRUCTURE.has(entry.name))
  .map((entry) => entry.name);

const sourceFiles = (folder: string) =>
  fs
    .readdirSync(path.join(serverRoot, folder))
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .map((name) => ({ name, text: fs.readFileSync(path.join(serverRoot, folder, name), "utf8") }));

const isRouteFile = (name: string) => name === "routes.ts" || name.endsWith("-routes.ts");

/** Relative imports of other modules' files: `../org/store.ts` → { module: "org", file: "store.ts" }. */
function crossModuleImports(text: string) {
  return [...text.matchAll(/from "\.\.\/([\w-]+)\/([\w.-]+)"/g)].map((match) => ({
    module: match[1],
    file: match[2],
  }));
}

describe("module shape", () => {
  it("lists every module folder in the manifest, each with its module.ts", () => {
    const names = MODULES.map((module) => module.name);
    for (const folder of moduleFolders) {
      expect(names, `src/server/${folder} is not in src/server/modules.ts`).toContain(folder);
      expect(fs.existsSync(path.join(serverRoot, folder, "module.ts")), `${folder}/module.ts`).toBe(true);
    }
  });

  it.each(moduleFolders)("keeps the route files of %s thin", (folder) => {
    for (const file of sourceFiles(folder).filter((source) => isRouteFile(source.name))) {
      const where = `src/server/${folder}/${file.name}`;
      expect(file.text, `${where} opens a transaction`).not.toMatch(/\.transaction\(/);
      expect(file.text, `${where} writes audit`).not.toMatch(
        /\b(auditAction|recordAudit|auditedTransaction)\(/,
      );
      expect(file.text, `${where} reads the store`).not.toMatch(/from "\.\/([\w-]+-)?store\.ts"/);
      expect(file.text, `${where} builds SQL`).not.toMatch(/from "drizzle-orm"/);
    }
  });

  it.each(moduleFolders)(
    "lets %s use other modules only through their services and pure models",
    (folder) => {
      for (const file of sourceFiles(folder)) {
        for (const target of crossModuleImports(file.text)) {
          if (INFRASTRUCTURE.has(target.module)) continue;
          const allowed =
            target.file === "service.ts" ||
            target.file === "model.ts" ||
            (file.name === "tables.ts" && target.file === "tables.ts");
          expect(
            allowed,
            `src/server/${folder}/${file.name} imports ../${target.module}/${target.file}`,
          ).toBe(true);
        }
      }
    },
  );

  it("keeps core free of modules", () => {
    for (const file of sourceFiles("core")) {
      const modules = crossModuleImports(file.text).filter((target) => !INFRASTRUCTURE.has(target.module));
      expect(modules, `src/server/core/${file.name}`).toEqual([]);
    }
  });
});
