// The trust barometer API's request and response shapes (zod). The web app derives its types from
// these (`Wire<typeof roundSummary>`), so a change here is a change the pages see at compile time.
// No shape carries an individual answer: results are counts of groups, or why a group is hidden.
import { z } from "zod";
import { THEMES } from "./bank.ts";
import { ITEM_KINDS, MAX_ITEMS, ROLE_CATEGORIES } from "./model.ts";

export const id = z.uuid();
export const idParams = z.object({ id });
const day = z.iso.date();
const itemId = z.string().min(1).max(100);

// ---- the question bank

export const itemView = z.object({
  id: z.string(),
  theme: z.enum(THEMES),
  kind: z.enum(ITEM_KINDS),
  text: z.string(),
  sv: z.string(),
  en: z.string(),
  scaleLabels: z.array(z.string()).nullable(),
  dontKnow: z.string(),
  custom: z.boolean(),
});

export const newItem = z.object({
  theme: z.enum(THEMES),
  kind: z.enum(ITEM_KINDS),
  sv: z.string().trim().min(5).max(300),
  en: z.string().trim().min(5).max(300),
});

export const created = z.object({ id: z.string() });

// ---- settings

export const settingsView = z.object({
  minGroupSize: z.number(),
  commentMinGroupSize: z.number(),
  embargoDays: z.number(),
});

export const settingsPatch = z.object({
  minGroupSize: z.number().int().min(3).max(50).optional(),
  commentMinGroupSize: z.number().int().min(3).max(100).optional(),
  embargoDays: z.number().int().min(0).max(60).optional(),
});

// ---- rounds

export const roundSummary = z.object({
  id,
  title: z.string(),
  unitId: id,
  unitName: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  phase: z.enum(["scheduled", "open", "closed"]),
  closedAt: z.date().nullable(),
  itemCount: z.number(),
  estimatedSeconds: z.number(),
  invited: z.boolean(),
  answered: z.boolean(),
  canClose: z.boolean(),
  createdByName: z.string().nullable(),
  /** The minimum group size this round's results are published under. */
  minGroupSize: z.number(),
});

export const roundDetail = roundSummary.extend({ items: z.array(itemView), maxItems: z.number() });

export const newRound = z.object({
  title: z.string().trim().min(1).max(200),
  unitId: id,
  itemIds: z.array(itemId).min(1).max(100),
  opensAt: day,
  closesAt: day,
});

// ---- answers

export const responses = z.object({
  answers: z
    .array(
      z.union([
        z.strictObject({ itemId, value: z.number().int().min(1).max(5).nullable() }),
        z.strictObject({ itemId, text: z.string().max(2000) }),
      ]),
    )
    .min(1)
    .max(MAX_ITEMS),
});

export const accepted = z.object({ ok: z.literal(true) });

// ---- results, only ever of groups

export const suppressedCell = z.object({ suppressed: z.literal(true), reason: z.string() });
export const itemFigures = z.object({
  itemId: z.string(),
  n: z.number(),
  mean: z.number().nullable(),
  distribution: z.array(z.number()),
  dontKnow: z.number(),
});
export const itemResult = z.union([
  itemFigures,
  z.object({ itemId: z.string(), suppressed: z.literal(true), reason: z.string() }),
]);

export const unitQuery = z.object({ unitId: id.optional() });
export const resultsQuery = unitQuery.extend({ roleCategory: z.enum(ROLE_CATEGORIES).optional() });

const resultsOfUnit = z.object({ id, name: z.string(), items: z.array(itemResult) });

export const overview = z.object({
  unit: z.object({ id, name: z.string() }),
  participation: z.union([
    z.object({ respondents: z.number(), invited: z.number(), rate: z.number() }),
    suppressedCell,
  ]),
  items: z.array(itemResult),
  parent: resultsOfUnit.nullable(),
  whole: resultsOfUnit,
  comments: z.array(z.object({ itemId: z.string(), body: z.string() })).nullable(),
  gaps: z.array(z.object({ itemId: z.string(), managers: z.number(), staff: z.number(), gap: z.number() })),
  trend: z.array(
    z.object({ roundId: id, title: z.string(), closesOn: z.string(), items: z.array(itemResult) }),
  ),
  embargoUntil: z.date().nullable(),
  canDiscuss: z.boolean(),
  discussions: z.array(
    z.object({ id, notes: z.string(), createdByName: z.string().nullable(), createdAt: z.date() }),
  ),
});

export const heatmapCell = z.union([
  z.object({ theme: z.enum(THEMES), mean: z.number().nullable() }),
  z.object({ theme: z.enum(THEMES), suppressed: z.literal(true), reason: z.string() }),
]);
export const heatmap = z.object({
  principles: z.array(z.enum(THEMES)),
  rows: z.array(z.object({ unitId: id, name: z.string(), cells: z.array(heatmapCell) })),
});

// ---- the team's conversation

export const newDiscussion = z.object({ unitId: id, notes: z.string().trim().min(1).max(8000) });
export const discussionCreated = z.object({ id });
