// The inventory's query keys. Every key starts with "inventory", so a change anywhere in the
// register refreshes every inventory page at once (`inventoryKeys.all`).
export const inventoryKeys = {
  all: ["inventory"] as const,
  demands: (filter: Record<string, unknown>) => ["inventory", "demands", filter] as const,
  demand: (demandId: string) => ["inventory", "demand", demandId] as const,
  mine: ["inventory", "mine"] as const,
  burden: (unitId: string | undefined, groupBy: string) =>
    ["inventory", "burden", unitId ?? "", groupBy] as const,
  profile: (unitId: string | undefined) => ["inventory", "profile", unitId ?? ""] as const,
  freed: (unitId: string | undefined) => ["inventory", "freed", unitId ?? ""] as const,
  flags: ["inventory", "flags"] as const,
  settings: ["inventory", "settings"] as const,
};
