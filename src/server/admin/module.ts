import type { ServerModule } from "../core/module.ts";
import { adminRoutes } from "./routes.ts";

export const adminModule: ServerModule = { name: "admin", routes: [adminRoutes] };
