// The admin module's query keys.
export const adminKeys = {
  audit: (filters: Record<string, unknown>) => ["audit", filters] as const,
  outbox: ["outbox"] as const,
  jobs: (status: string) => ["jobs", status] as const,
};
