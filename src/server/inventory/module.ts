// The follow-up inventory in the application: its routes (the register and a demand's life; the
// CSV import and exports), the job that writes a committed import, its demo register and its audit actions in words. A staff estimate and
// a consultation comment are not among the actions: each is kept with the demand under its
// author's name and changes nothing else.
import type { ServerModule } from "../core/module.ts";
import { inventoryCsvRoutes } from "./csv-routes.ts";
import { seedInventoryDemo } from "./demo.ts";
import { INVENTORY_IMPORT_JOB_KIND, inventoryImportJobHandler } from "./import-service.ts";
import { inventoryRoutes } from "./routes.ts";

export const inventoryModule: ServerModule = {
  name: "inventory",
  routes: [inventoryRoutes, inventoryCsvRoutes],
  jobs: [{ kind: INVENTORY_IMPORT_JOB_KIND, handler: () => inventoryImportJobHandler }],
  demo: (db, { tenantId }) => seedInventoryDemo(db, tenantId),
  auditActions: {
    "inventory.demand.propose": { sv: "Föreslog ett nytt krav", en: "Proposed a new demand" },
    "inventory.demand.register": {
      sv: "Registrerade ett befintligt krav",
      en: "Registered an existing demand",
    },
    "inventory.demand.update": { sv: "Ändrade ett krav", en: "Changed a demand" },
    "inventory.demand.activate": { sv: "Satte ett krav i kraft", en: "Put a demand into force" },
    "inventory.use.record": { sv: "Registrerade användning av ett krav", en: "Recorded a use of a demand" },
    "inventory.analysis.update": {
      sv: "Uppdaterade en konsekvensanalys",
      en: "Updated a consequence analysis",
    },
    "inventory.analysis.consultation": {
      sv: "Skickade en konsekvensanalys på samråd",
      en: "Put a consequence analysis to consultation",
    },
    "inventory.analysis.draft": {
      sv: "Tog tillbaka en konsekvensanalys från samråd",
      en: "Took a consequence analysis back from consultation",
    },
    "inventory.analysis.adopted": {
      sv: "Beslutade att anta en konsekvensanalys",
      en: "Adopted a consequence analysis",
    },
    "inventory.analysis.rejected": {
      sv: "Beslutade att avslå en konsekvensanalys",
      en: "Rejected a consequence analysis",
    },
    "inventory.retirement.propose": {
      sv: "Föreslog att ett krav avvecklas",
      en: "Proposed to retire a demand",
    },
    "inventory.retirement.approved": {
      sv: "Beslutade att avveckla ett krav",
      en: "Decided to retire a demand",
    },
    "inventory.retirement.declined": {
      sv: "Avslog ett förslag om avveckling",
      en: "Declined a proposal to retire a demand",
    },
    "inventory.settings.update": {
      sv: "Ändrade inventeringens inställningar",
      en: "Changed the inventory's settings",
    },
    "inventory.import.commit": {
      sv: "Startade en import av inventeringen",
      en: "Started an inventory import",
    },
    "inventory.import": { sv: "Importerade en inventering", en: "Imported an inventory" },
  },
};
