// Every table of every module, for drizzle-kit to generate the one set of migrations.
export * from "./account/tables.ts";
export * from "./barometer/tables.ts";
export * from "./core/tables.ts";
export * from "./followup/tables.ts";
export * from "./inventory/tables.ts";
export * from "./org/tables.ts";
