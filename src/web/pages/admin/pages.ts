// The administrators' pages, loaded as one chunk on the first visit to any of them (module.tsx).
export { AuditPage } from "./audit.tsx";
export { JobsPage } from "./jobs.tsx";
export { OutboxPage } from "./outbox.tsx";
