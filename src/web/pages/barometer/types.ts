// Shapes of the trust barometer's answers, derived from the server's own schemas
// (src/server/barometer/schemas.ts) so the pages and the API cannot drift apart.
import type {
  heatmap,
  heatmapCell,
  itemFigures,
  itemResult,
  itemView,
  overview,
  roundDetail,
  roundSummary,
  settingsView,
  suppressedCell,
} from "../../../server/barometer/schemas.ts";
import type { Wire } from "../../wire.ts";

export type BarometerItem = Wire<typeof itemView>;

export type RoundSummary = Wire<typeof roundSummary>;
export type RoundDetail = Wire<typeof roundDetail>;

export type BarometerSettings = Wire<typeof settingsView>;

type Suppressed = Wire<typeof suppressedCell>;
export type ItemFigures = Wire<typeof itemFigures>;
export type ItemResult = Wire<typeof itemResult>;

export type Overview = Wire<typeof overview>;

export type HeatmapCell = Wire<typeof heatmapCell>;
export type Heatmap = Wire<typeof heatmap>;

export const isSuppressed = <T extends object>(value: T): value is Extract<T, Suppressed> =>
  "suppressed" in value && value.suppressed === true;
