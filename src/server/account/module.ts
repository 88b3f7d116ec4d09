import type { ServerModule } from "../core/module.ts";
import { authRoutes } from "./routes.ts";

export const accountModule: ServerModule = { name: "account", routes: [authRoutes] };
