import type { ServerModule } from "../core/module.ts";
import { inventoryCsvRoutes } from "./csv-routes.ts";
import { seedInventoryDemo } from "./demo.ts";
import { inventoryRoutes } from "./routes.ts";

export const inventoryModule: ServerModule = {
  name: "inventory",
  routes: [inventoryRoutes, inventoryCsvRoutes],
  demo: (db, { tenantId }) => seedInventoryDemo(db, tenantId),
};
