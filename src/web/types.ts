// Shapes of the server's answers that the pages use.
export type Role =
  | "employee"
  | "manager"
  | "director"
  | "politician"
  | "analyst"
  | "admin"
  | "whistle_handler";
export type Me = {
  id: string;
  name: string;
  email: string;
  tenantId: string;
  tenantName: string;
  roles: { unitId: string; unitName: string; role: Role }[];
  csrfToken: string;
};
export type UnitListItem = {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  kindLabel: string | null;
  code: string | null;
  active: boolean;
  peopleCount: number;
};
export type UnitDetail = Omit<UnitListItem, "peopleCount"> & {
  ancestors: { id: string; name: string; kind: string; kindLabel: string | null }[];
  children: { id: string; name: string; kind: string; kindLabel: string | null; active: boolean }[];
  people: { id: string; name: string; email: string | null; role: Role; membershipId: string }[];
  actors: {
    relationId: string;
    actorId: string;
    name: string;
    kind: string;
    relationship: string;
    note: string | null;
  }[];
  canManage: boolean;
};
export type PersonRole = { membershipId: string; unitId: string; unitName: string; role: Role };
export type Person = {
  id: string;
  name: string;
  email: string | null;
  employeeNumber: string | null;
  active: boolean;
  roles: PersonRole[];
};
export type PersonDetail = Person & { deactivatedAt: string | null; canManage: boolean };
export type Counts = { new: number; changed: number; unchanged: number; deactivated: number };
export type ImportPreview = {
  units: Counts;
  people: Counts;
  memberships: { new: number; ended: number };
  fileLines: { units: number; people: number };
};
export type JobView = {
  id: number;
  kind: string;
  status: "queued" | "running" | "succeeded" | "failed";
  attempts: number;
  maxAttempts: number;
  progress: number;
  progressTotal: number;
  progressLabel: string | null;
  lastError: string | null;
  createdAt: string;
  runAt: string;
  finishedAt: string | null;
};
export type ImportStatus = {
  id: string;
  status: string;
  fullImport: boolean;
  createdAt: string;
  preview: ImportPreview | null;
  result: unknown;
  jobId: number | null;
  job?: {
    status: string;
    progress: number;
    progressTotal: number;
    progressLabel: string | null;
    lastError: string | null;
  } | null;
};

// ---- follow-up inventory (uppföljningsinventering)

export type ScopeReporters = { roles: Role[]; unitIds: string[] };
export type PopulationReporters = { population: number; role?: Role | null; unitId?: string | null };
export type Reporters = ScopeReporters | PopulationReporters;
export type DemandStatus = "draft" | "active" | "retired" | "rejected";
export type TrustPosition = "traditional" | "both" | "trust";
export type TrustPlacement = Partial<Record<string, TrustPosition>>;
export type DemandSummary = {
  id: string;
  code: string | null;
  title: string;
  kind: string;
  purpose: string;
  controlComponent: string;
  status: DemandStatus;
  existing: boolean;
  requester: { type: "unit" | "actor"; id: string; name: string };
  reporters: Reporters;
  reportersLabel: string;
  reporterUnits: { id: string; name: string }[];
  frequencyKind: "periodic" | "per_event";
  frequencyPerYear: number;
  minutes: { minutes: number; source: "analyst" | "staff"; answers: number };
  reporterCount: number;
  hours: number;
  cost: number;
  hoursPerMonth: number;
  requiredByLaw: boolean;
  legalReference: string | null;
  decisionsInformed: string | null;
  recipients: string | null;
  lastUsedOn: string | null;
  useCount: number;
  removalCandidate: boolean;
  duplicate: boolean;
  startDate: string | null;
  endDate: string | null;
};
export type DemandList = { demands: DemandSummary[]; totals: { count: number; hours: number; cost: number } };
export type AnalysisStatus = "draft" | "consultation" | "adopted" | "rejected";
export type AnalysisFields = {
  purposeAndUsers: string | null;
  decisionsInformed: string | null;
  goalDisplacementRisk: string | null;
  discretionEffect: string | null;
  citizenValue: string | null;
  alternatives: string | null;
  staffConsulted: string | null;
};
export type Analysis = AnalysisFields & {
  status: AnalysisStatus;
  decisionReason: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  missing: string[];
  comments: { id: string; personName: string; body: string; createdAt: string }[];
};
export type Retirement = {
  id: string;
  status: "proposed" | "approved" | "declined";
  reason: string;
  proposedByName: string | null;
  proposedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  freedHours: number | null;
  freedCost: number | null;
};
export type DemandUse = {
  id: string;
  kind: string;
  description: string;
  usedOn: string;
  source: string;
  recordedByName: string | null;
};
export type Estimates = { answers: number; median: number | null; mine: number | null };
export type DemandDetail = DemandSummary & {
  description: string | null;
  dataFields: string[];
  hourlyCost: number | null;
  minutesPerOccurrence: number;
  trust: TrustPlacement;
  createdAt: string;
  activatedAt: string | null;
  estimates: Estimates;
  canEstimate: boolean;
  canManage: boolean;
  canDecide: boolean;
  canRecordUse: boolean;
  uses: DemandUse[];
  analysis: Analysis | null;
  retirements: Retirement[];
  duplicates: { demandId: string; title: string; fields: string[] }[];
};
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
export type MyDemand = DemandSummary & { myEstimate: number | null };
export type BurdenGroup = { key: string; label: string; hours: number; cost: number };
export type Burden = {
  totalHours: number;
  totalCost: number;
  people: number;
  perPerson: { hours: number; shareOfWorkingTime: number };
  groups: BurdenGroup[];
};
export type PositionShares = { traditional: number; both: number; trust: number; unplaced: number };
export type TrustProfile = {
  totalHours: number;
  dimensions: { dimension: string; hours: PositionShares; shares: PositionShares }[];
};
export type InventoryFlags = {
  removalCandidates: { demandId: string; title: string; lastUsedOn: string | null; hours: number }[];
  duplicates: {
    demandIds: [string, string];
    titles: [string, string];
    fields: string[];
    roles: (string | null)[];
    units: { id: string; name: string }[];
  }[];
};
export type FreedHours = {
  annualHours: number;
  annualCost: number;
  soFarThisYear: { hours: number; cost: number };
  demands: {
    demandId: string;
    title: string;
    endDate: string | null;
    annualHours: number;
    annualCost: number;
  }[];
};
export type InventorySettings = {
  hourlyCost: Record<Role, number>;
  defaultHourlyCost: number;
  annualWorkingHours: number;
};
export type ExternalActor = {
  id: string;
  name: string;
  kind: string;
  description: string | null;
};
