// The inventory's pages, loaded as one chunk on the first visit to any of them (module.tsx). The
// start page's list of estimates to give is not among them: it is drawn on the first page.
export { DashboardPage } from "./dashboard.tsx";
export { DemandPage } from "./demand.tsx";
export { EditDemandPage, NewDemandPage } from "./demand-form.tsx";
export { InventoryImportPage } from "./import-csv.tsx";
export { MyUnitPage } from "./my-unit.tsx";
export { RegisterPage } from "./register.tsx";
