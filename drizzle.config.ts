import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  // Every module keeps its tables in its own tables.ts; one set of migrations covers them all.
  schema: "./src/server/*/tables.ts",
  out: "./drizzle",
});
