// Every server module, once. The application registers their routes, main.ts their jobs and the
// demo seed their demo steps (in this order: a module's demo may build on the ones above it).
// Adding a module: its folder with a `module.ts`, and one line here.
import { accountModule } from "./account/module.ts";
import { adminModule } from "./admin/module.ts";
import { barometerModule } from "./barometer/module.ts";
import type { ServerModule } from "./core/module.ts";
import { platformModule } from "./core/platform.ts";
import { followupModule } from "./followup/module.ts";
import { inventoryModule } from "./inventory/module.ts";
import { operatorModule } from "./operator/module.ts";
import { orgModule } from "./org/module.ts";

export const MODULES: readonly ServerModule[] = [
  platformModule,
  accountModule,
  orgModule,
  adminModule,
  inventoryModule,
  followupModule,
  barometerModule,
  operatorModule,
];
