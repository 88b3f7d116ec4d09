// SCAFFOLD — replaced by the demo work.
import type { Db } from "../core/db.ts";
export async function seedDemo(_db: Db, _options: { log?: (message: string) => void } = {}): Promise<{ created: boolean }> {
  return { created: false };
}
