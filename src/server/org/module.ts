import type { ServerModule } from "../core/module.ts";
import { importRoutes } from "./import-routes.ts";
import { ORG_IMPORT_JOB_KIND, orgImportJobHandler } from "./import-service.ts";
import { orgRoutes } from "./routes.ts";

export const orgModule: ServerModule = {
  name: "org",
  routes: [orgRoutes, importRoutes],
  jobs: [{ kind: ORG_IMPORT_JOB_KIND, handler: () => orgImportJobHandler }],
  auditActions: {
    "tenant.create": { sv: "Skapade organisationen", en: "Created the organisation" },
    "unit.create": { sv: "Skapade en enhet", en: "Created a unit" },
    "unit.update": { sv: "Ändrade en enhet", en: "Changed a unit" },
    "unit.move": { sv: "Flyttade en enhet", en: "Moved a unit" },
    "person.create": { sv: "Lade till en person", en: "Added a person" },
    "person.update": { sv: "Ändrade en person", en: "Changed a person" },
    "person.deactivate": { sv: "Inaktiverade en person", en: "Deactivated a person" },
    "person.reactivate": { sv: "Återaktiverade en person", en: "Reactivated a person" },
    "membership.create": { sv: "Gav en roll", en: "Gave a role" },
    "membership.end": { sv: "Avslutade en roll", en: "Ended a role" },
    "actor.create": { sv: "Lade till en extern aktör", en: "Added an external actor" },
    "actor.update": { sv: "Ändrade en extern aktör", en: "Changed an external actor" },
    "actor.relate": { sv: "Knöt en extern aktör till en enhet", en: "Related an external actor to a unit" },
    "actor.unrelate": {
      sv: "Tog bort en extern aktörs relation",
      en: "Removed an external actor's relation",
    },
    "org.import.commit": { sv: "Startade en HR-import", en: "Started an HR import" },
    "org.import.complete": { sv: "Genomförde en HR-import", en: "Completed an HR import" },
  },
};
