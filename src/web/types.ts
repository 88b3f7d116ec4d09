// Shapes of the server's answers that the pages use. The chain's, the account's and the admin
// pages' come from the server's own zod schemas (type-only imports: nothing of the server is bundled).

import type { me } from "../server/account/schemas.ts";
import type { jobView, outboxPage, auditPage as serverAuditPage } from "../server/admin/schemas.ts";
import type { Role as ServerRole } from "../server/core/access.ts";
import type {
  analysisFields,
  analysisView,
  burdenView,
  demandDetail,
  demandSummary,
  estimatesView,
  flagsView,
  freedView,
  myDemandsView,
  populationReporters,
  profileView,
  registerView,
  retirementView,
  scopeReporters,
  settingsView,
  trust,
} from "../server/inventory/schemas.ts";
import type {
  actorSummary,
  importDetail,
  importSummary,
  peopleList,
  personDetail,
  preparedImport,
  unitDetail,
  unitListItem,
} from "../server/org/schemas.ts";
import type { Wire } from "./wire.ts";

export type Role = ServerRole;
export type Me = Wire<typeof me>;
export type UnitListItem = Wire<typeof unitListItem>;
export type UnitDetail = Wire<typeof unitDetail>;
export type PersonDetail = Wire<typeof personDetail>;
export type Person = Wire<typeof peopleList>["items"][number];
export type PersonRole = Person["roles"][number];
export type ImportPreview = Wire<typeof preparedImport>["preview"];
export type Counts = ImportPreview["units"];
/** An import in the list; the one followed on its own page also carries its job's progress. */
export type ImportStatus = Wire<typeof importSummary> & { job?: Wire<typeof importDetail>["job"] };
export type JobView = Wire<typeof jobView>;
export type AuditPage = Wire<typeof serverAuditPage>;
export type AuditItem = AuditPage["items"][number];
export type OutboxPage = Wire<typeof outboxPage>;

// ---- follow-up inventory (uppföljningsinventering), from the inventory's schemas

export type ScopeReporters = Wire<typeof scopeReporters>;
export type PopulationReporters = Wire<typeof populationReporters>;
export type Reporters = ScopeReporters | PopulationReporters;
export type TrustPlacement = Wire<typeof trust>;
export type TrustPosition = NonNullable<TrustPlacement[keyof TrustPlacement]>;
export type DemandSummary = Wire<typeof demandSummary>;
export type DemandStatus = DemandSummary["status"];
export type DemandList = Wire<typeof registerView>;
export type Analysis = Wire<typeof analysisView>;
export type AnalysisStatus = Analysis["status"];
/** The analysis's answers as the server keeps them. */
export type AnalysisFields = Pick<Analysis, keyof Wire<typeof analysisFields>>;
export type Retirement = Wire<typeof retirementView>;
export type Estimates = Wire<typeof estimatesView>;
export type DemandDetail = Wire<typeof demandDetail>;
export type DemandUse = DemandDetail["uses"][number];
/** What the demand form sends: POST creates, PATCH changes. */
export type DemandInput = {
  code?: string | null;
  title: string;
  description?: string | null;
  kind: string;
  purpose: string;
  controlComponent?: string;
  requester: { unitId: string } | { actorId: string };
  reporters: Reporters;
  frequencyKind?: "periodic" | "per_event";
  frequencyPerYear: number;
  minutesPerOccurrence: number;
  hourlyCost?: number | null;
  requiredByLaw?: boolean;
  legalReference?: string | null;
  dataFields?: string[];
  recipients?: string | null;
  decisionsInformed?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  trust?: TrustPlacement;
  existing?: boolean;
};
export type MyDemand = Wire<typeof myDemandsView>[number];
export type Burden = Wire<typeof burdenView>;
export type BurdenGroup = Burden["groups"][number];
export type TrustProfile = Wire<typeof profileView>;
export type PositionShares = TrustProfile["dimensions"][number]["shares"];
export type InventoryFlags = Wire<typeof flagsView>;
export type FreedHours = Wire<typeof freedView>;
export type InventorySettings = Wire<typeof settingsView>;
export type ExternalActor = Wire<typeof actorSummary>;
