import type { ServerModule } from "../core/module.ts";
import { operatorRoutes } from "./routes.ts";

/** The installation operator's route; the tenant it creates is audited by org (`tenant.create`). */
export const operatorModule: ServerModule = { name: "operator", routes: [operatorRoutes] };
