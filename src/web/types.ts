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
