// The web app's one list of modules: a new module is its folder under pages/ and one line here.
// The order is the order of the navigation.
import { accountModule } from "./pages/account/module.tsx";
import { adminModule } from "./pages/admin/module.tsx";
import { barometerModule } from "./pages/barometer/module.tsx";
import { coreModule } from "./pages/core/module.tsx";
import { followupModule } from "./pages/followup/module.tsx";
import { inventoryModule } from "./pages/inventory/module.tsx";
import { orgModule } from "./pages/org/module.tsx";

export const modules = [
  coreModule,
  orgModule,
  inventoryModule,
  followupModule,
  barometerModule,
  adminModule,
  accountModule,
] as const;
