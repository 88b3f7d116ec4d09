// Shapes of the trust barometer's answers (src/server/barometer/routes.ts), as the pages use them.

export type Theme =
  | "tillit"
  | "medborgarfokus"
  | "helhetssyn"
  | "handlingsutrymme"
  | "stod"
  | "kunskap"
  | "oppenhet"
  | "kan_vill_vagar"
  | "psychological_safety"
  | "burden"
  | "open";

export type BarometerItem = {
  id: string;
  theme: Theme;
  kind: "scale" | "text";
  text: string;
  sv: string;
  en: string;
  scaleLabels: string[] | null;
  dontKnow: string;
  custom: boolean;
};

export type RoundPhase = "scheduled" | "open" | "closed";

export type RoundSummary = {
  id: string;
  title: string;
  unitId: string;
  unitName: string;
  opensOn: string;
  closesOn: string;
  phase: RoundPhase;
  closedAt: string | null;
  itemCount: number;
  estimatedSeconds: number;
  invited: boolean;
  answered: boolean;
  canClose: boolean;
  createdByName: string | null;
};

export type RoundDetail = RoundSummary & { items: BarometerItem[]; maxItems: number };

export type BarometerSettings = { minGroupSize: number; commentMinGroupSize: number; embargoDays: number };

export type Suppressed = { suppressed: true; reason: string };
export type ItemFigures = {
  itemId: string;
  n: number;
  mean: number | null;
  distribution: number[];
  dontKnow: number;
};
export type ItemResult = ItemFigures | ({ itemId: string } & Suppressed);

export type Overview = {
  unit: { id: string; name: string };
  participation: { respondents: number; invited: number; rate: number } | Suppressed;
  items: ItemResult[];
  parent: { id: string; name: string; items: ItemResult[] } | null;
  whole: { id: string; name: string; items: ItemResult[] };
  comments: { itemId: string; body: string }[] | null;
  gaps: { itemId: string; managers: number; staff: number; gap: number }[];
  trend: { roundId: string; title: string; closesOn: string; items: ItemResult[] }[];
  embargoUntil: string | null;
  canDiscuss: boolean;
  discussions: { id: string; notes: string; createdByName: string | null; createdAt: string }[];
};

export type HeatmapCell = { theme: Theme; mean: number | null } | ({ theme: Theme } & Suppressed);
export type Heatmap = {
  principles: Theme[];
  rows: { unitId: string; name: string; cells: HeatmapCell[] }[];
};

export const isSuppressed = <T extends object>(value: T): value is Extract<T, Suppressed> =>
  "suppressed" in value && value.suppressed === true;
