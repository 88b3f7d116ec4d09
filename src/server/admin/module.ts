import type { ServerModule } from "../core/module.ts";
import { adminRoutes } from "./routes.ts";

/** Reads only: the admin pages write nothing, so the module has no audit actions of its own. */
export const adminModule: ServerModule = { name: "admin", routes: [adminRoutes] };
