// The governance chain's pages, loaded as one chunk on the first visit to any of them (module.tsx).
export { ImportPage } from "./import.tsx";
export { PeoplePage, PersonPage } from "./people.tsx";
export { UnitPage } from "./unit.tsx";
export { UnitsPage } from "./units.tsx";
