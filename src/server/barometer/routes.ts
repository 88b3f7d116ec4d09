import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Actor, authorize } from "../core/access.ts";
import { auditAction } from "../core/audit.ts";
import { sendCsv } from "../core/csv.ts";
import type { Db } from "../core/db.ts";
import { conflict, fieldError, type Lang, notFound } from "../core/errors.ts";
import { requireActor } from "../core/http.ts";
import * as orgStore from "../org/store.ts";
import { type BankItem, DONT_KNOW, SCALE_LABELS, THEMES } from "./bank.ts";
import { estimatedSeconds, MAX_ITEMS, ROLE_CATEGORIES, roundPhase } from "./model.ts";
import * as policy from "./policy.ts";
import {
  type Cohort,
  cellResults,
  closeRound,
  cohortOf,
  commentsFor,
  createRound,
  heatmap,
  itemsOf,
  participation,
  perceptionGaps,
  settingsOf,
  submit,
  today,
} from "./service.ts";
import type { RoundRow } from "./store.ts";
import * as store from "./store.ts";

const tags = ["barometer"];
const id = z.uuid();
const idParams = z.object({ id });
const day = z.iso.date();
const roundNotFound = { sv: "Omgången finns inte.", en: "The round does not exist." };
const unitNotFound = { sv: "Enheten ingår inte i omgången.", en: "The unit is not part of the round." };

const itemView = z.object({
  id: z.string(),
  theme: z.enum(THEMES),
  kind: z.enum(["scale", "text"]),
  text: z.string(),
  sv: z.string(),
  en: z.string(),
  scaleLabels: z.array(z.string()).nullable(),
  dontKnow: z.string(),
  custom: z.boolean(),
});
const roundSummary = z.object({
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
const itemResult = z.union([
  z.object({
    itemId: z.string(),
    n: z.number(),
    mean: z.number().nullable(),
    distribution: z.array(z.number()),
    dontKnow: z.number(),
  }),
  z.object({ itemId: z.string(), suppressed: z.literal(true), reason: z.string() }),
]);
const suppressedCell = z.object({ suppressed: z.literal(true), reason: z.string() });
const settingsView = z.object({
  minGroupSize: z.number(),
  commentMinGroupSize: z.number(),
  embargoDays: z.number(),
});

/** The trust barometer over HTTP. No route returns an individual answer. */
export async function barometerRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.get(
    "/api/barometer/items",
    { schema: { tags, response: { 200: z.array(itemView) } } },
    async (request) => {
      const actor = requireActor(request);
      const items = await itemsOf(db, actor.tenantId);
      return items.map((item) => itemViewOf(item, request.lang));
    },
  );

  app.post(
    "/api/barometer/items",
    {
      schema: {
        tags,
        body: z.object({
          theme: z.enum(THEMES),
          kind: z.enum(["scale", "text"]),
          sv: z.string().trim().min(5).max(300),
          en: z.string().trim().min(5).max(300),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(policy.manageItems(actor));
      const row = await db.transaction(async (tx) => {
        const row = await store.insertCustomItem(tx, {
          id: `custom.${crypto.randomUUID()}`,
          tenantId: actor.tenantId,
          ...request.body,
          scale: request.body.kind === "scale" ? "agree" : null,
        });
        await auditAction(tx, actor, {
          action: "barometer.item.create",
          targetType: "barometer_item",
          targetId: null,
          summary: `Ny fråga: ${row.sv}`,
        });
        return row;
      });
      reply.code(201);
      return { id: row.id };
    },
  );

  app.get("/api/barometer/settings", { schema: { tags, response: { 200: settingsView } } }, async (request) =>
    settingsOf(db, requireActor(request).tenantId),
  );

  app.patch(
    "/api/barometer/settings",
    {
      schema: {
        tags,
        body: z.object({
          minGroupSize: z.number().int().min(3).max(50).optional(),
          commentMinGroupSize: z.number().int().min(3).max(100).optional(),
          embargoDays: z.number().int().min(0).max(60).optional(),
        }),
        response: { 200: settingsView },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.manageSettings(actor));
      const current = await settingsOf(db, actor.tenantId);
      const next = { ...current, ...request.body };
      if (next.commentMinGroupSize < next.minGroupSize)
        throw fieldError("body.commentMinGroupSize", {
          sv: "Gränsen för fritextsvar kan inte vara lägre än minsta gruppstorlek.",
          en: "The threshold for comments cannot be lower than the minimum group size.",
        });
      return db.transaction(async (tx) => {
        const tenant = await orgStore.getTenant(tx, actor.tenantId);
        await orgStore.updateTenantSettings(tx, actor.tenantId, {
          ...(tenant?.settings as object),
          barometer: next,
        });
        await auditAction(tx, actor, {
          action: "barometer.settings.update",
          targetType: "tenant",
          targetId: actor.tenantId,
          summary: `Tillitsbarometern: minsta grupp ${next.minGroupSize}, fritext ${next.commentMinGroupSize}, karens ${next.embargoDays} dagar`,
        });
        return next;
      });
    },
  );

  app.get(
    "/api/barometer/rounds",
    { schema: { tags, response: { 200: z.array(roundSummary) } } },
    async (request) => {
      const actor = requireActor(request);
      const rounds = await store.listRounds(db, actor.tenantId);
      const summaries = await Promise.all(rounds.map((row) => summarise(db, actor, row)));
      return summaries.filter((summary): summary is z.infer<typeof roundSummary> => summary !== null);
    },
  );

  app.post(
    "/api/barometer/rounds",
    {
      schema: {
        tags,
        body: z.object({
          title: z.string().trim().min(1).max(200),
          unitId: id,
          itemIds: z.array(z.string().min(1).max(100)).min(1).max(100),
          opensAt: day,
          closesAt: day,
        }),
        response: { 201: roundSummary },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const unit = await orgStore.getUnit(db, actor.tenantId, request.body.unitId);
      if (unit) authorize(policy.startRound(actor, unit));
      const row = await createRound(db, actor, request.body, app.mailer.mode);
      await auditAction(db, actor, {
        action: "barometer.round.create",
        targetType: "barometer_round",
        targetId: row.id,
        summary: `Startade omgången ${row.title}`,
      });
      reply.code(201);
      return (await summarise(db, actor, row))!;
    },
  );

  app.get(
    "/api/barometer/rounds/:id",
    {
      schema: {
        tags,
        params: idParams,
        response: { 200: roundSummary.extend({ items: z.array(itemView), maxItems: z.number() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await store.getRound(db, actor.tenantId, request.params.id);
      const summary = row ? await summarise(db, actor, row) : null;
      if (!row || !summary) throw notFound(roundNotFound);
      const items = await itemsOf(db, actor.tenantId);
      const byId = new Map(items.map((item) => [item.id, item]));
      return {
        ...summary,
        maxItems: MAX_ITEMS,
        items: row.itemIds.flatMap((itemId) => {
          const item = byId.get(itemId);
          return item ? [itemViewOf(item, request.lang)] : [];
        }),
      };
    },
  );

  app.post(
    "/api/barometer/rounds/:id/close",
    { schema: { tags, params: idParams, response: { 200: roundSummary } } },
    async (request) => {
      const actor = requireActor(request);
      const found = await visibleRound(db, actor, request.params.id);
      authorize(policy.closeRound(actor, found));
      const row = await db.transaction(async (tx) => {
        const locked = await store.lockRound(tx, actor.tenantId, found.id);
        if (!locked || locked.closedAt)
          throw conflict({ sv: "Omgången är redan stängd.", en: "The round is already closed." });
        const closed = await closeRound(tx, locked);
        await auditAction(tx, actor, {
          action: "barometer.round.close",
          targetType: "barometer_round",
          targetId: closed.id,
          summary: `Stängde omgången ${closed.title}`,
        });
        return closed;
      });
      return (await summarise(db, actor, row))!;
    },
  );

  app.post(
    "/api/barometer/rounds/:id/responses",
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({
          answers: z
            .array(
              z.union([
                z.strictObject({
                  itemId: z.string().min(1).max(100),
                  value: z.number().int().min(1).max(5).nullable(),
                }),
                z.strictObject({ itemId: z.string().min(1).max(100), text: z.string().max(2000) }),
              ]),
            )
            .min(1)
            .max(MAX_ITEMS),
        }),
        response: { 201: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const result = await submit(db, actor, request.params.id, request.body.answers);
      // Not invited looks the same as no such round. Nothing about the answer is logged.
      if (!result) throw notFound(roundNotFound);
      reply.code(201);
      return result;
    },
  );

  app.get(
    "/api/barometer/rounds/:id/results",
    {
      schema: {
        tags,
        params: idParams,
        querystring: z.object({ unitId: id.optional(), roleCategory: z.enum(ROLE_CATEGORIES).optional() }),
        response: { 200: z.array(itemResult) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { row, cohort, unitId } = await resultsContext(
        db,
        actor,
        request.params.id,
        request.query.unitId,
      );
      const bank = await itemsOf(db, actor.tenantId);
      return cellResults(
        cohort,
        row,
        bank,
        { unitId, category: request.query.roleCategory ?? "all" },
        request.lang,
      );
    },
  );

  app.get(
    "/api/barometer/rounds/:id/overview",
    {
      schema: {
        tags,
        params: idParams,
        querystring: z.object({ unitId: id.optional() }),
        response: {
          200: z.object({
            unit: z.object({ id, name: z.string() }),
            participation: z.union([
              z.object({ respondents: z.number(), invited: z.number(), rate: z.number() }),
              suppressedCell,
            ]),
            items: z.array(itemResult),
            parent: z.object({ id, name: z.string(), items: z.array(itemResult) }).nullable(),
            whole: z.object({ id, name: z.string(), items: z.array(itemResult) }),
            comments: z.array(z.object({ itemId: z.string(), body: z.string() })).nullable(),
            gaps: z.array(
              z.object({ itemId: z.string(), managers: z.number(), staff: z.number(), gap: z.number() }),
            ),
            trend: z.array(
              z.object({ roundId: id, title: z.string(), closesOn: z.string(), items: z.array(itemResult) }),
            ),
            embargoUntil: z.date().nullable(),
            canDiscuss: z.boolean(),
            discussions: z.array(
              z.object({ id, notes: z.string(), createdByName: z.string().nullable(), createdAt: z.date() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { row, cohort, unitId } = await resultsContext(
        db,
        actor,
        request.params.id,
        request.query.unitId,
      );
      const [bank, settings, invited, discussions] = await Promise.all([
        itemsOf(db, actor.tenantId),
        settingsOf(db, actor.tenantId),
        store.participationCounts(db, row.id),
        store.discussionsOf(db, row.id, unitId),
      ]);
      const lang = request.lang;
      const unit = cohort.byId.get(unitId)!;
      const parent = cohort.units.find((u) => u.path === unit.parentPath) ?? null;
      const root = cohort.byId.get(row.unitId)!;
      const unitRef = { ...unit, tenantId: actor.tenantId };
      return {
        unit: { id: unit.id, name: unit.name },
        participation: participation(cohort, invited, unitId, lang),
        items: cellResults(cohort, row, bank, { unitId, category: "all" }, lang),
        parent: parent
          ? {
              id: parent.id,
              name: parent.name,
              items: cellResults(cohort, row, bank, { unitId: parent.id, category: "all" }, lang),
            }
          : null,
        whole: {
          id: root.id,
          name: root.name,
          items: cellResults(cohort, row, bank, { unitId: root.id, category: "all" }, lang),
        },
        comments: await commentsFor(db, cohort, row, unitId, settings.commentMinGroupSize),
        gaps: perceptionGaps(cohort, row, bank, unitId, lang),
        trend: await trendOf(db, actor, row, unitId, lang),
        embargoUntil: row.closedAt
          ? new Date(row.closedAt.getTime() + settings.embargoDays * 86_400_000)
          : null,
        canDiscuss: policy.discussResults(actor, unitRef).allowed,
        discussions,
      };
    },
  );

  app.get(
    "/api/barometer/rounds/:id/heatmap",
    {
      schema: {
        tags,
        params: idParams,
        querystring: z.object({ unitId: id.optional() }),
        response: {
          200: z.object({
            principles: z.array(z.string()),
            rows: z.array(
              z.object({
                unitId: id,
                name: z.string(),
                cells: z.array(
                  z.union([
                    z.object({ theme: z.string(), mean: z.number().nullable() }),
                    z.object({ theme: z.string(), suppressed: z.literal(true), reason: z.string() }),
                  ]),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { row, cohort, unitId } = await resultsContext(
        db,
        actor,
        request.params.id,
        request.query.unitId,
      );
      const settings = await settingsOf(db, actor.tenantId);
      const unit = cohort.byId.get(unitId)!;
      // The unit and its children, each only if the caller may see that unit's results now.
      const rows = [unit, ...cohort.units.filter((u) => u.parentPath === unit.path)].filter(
        (u) =>
          policy.viewResults(actor, { ...u, tenantId: actor.tenantId }, row, settings.embargoDays, new Date())
            .allowed,
      );
      return heatmap(
        cohort,
        row,
        await itemsOf(db, actor.tenantId),
        rows.map((u) => u.id),
        request.lang,
      );
    },
  );

  app.get(
    "/api/barometer/rounds/:id/export.csv",
    { schema: { tags, params: idParams, querystring: z.object({ unitId: id.optional() }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { row, cohort, unitId } = await resultsContext(
        db,
        actor,
        request.params.id,
        request.query.unitId,
      );
      const settings = await settingsOf(db, actor.tenantId);
      const bank = await itemsOf(db, actor.tenantId);
      const texts = new Map(bank.map((item) => [item.id, item[request.lang]]));
      const unit = cohort.byId.get(unitId)!;
      const now = new Date();
      const lines: (string | number | null)[][] = [
        request.lang === "sv"
          ? [
              "Enhet",
              "Grupp",
              "Fråga",
              "Antal svar",
              "Medelvärde",
              "1",
              "2",
              "3",
              "4",
              "5",
              "Vet inte",
              "Dolt, skäl",
            ]
          : [
              "Unit",
              "Group",
              "Question",
              "Answers",
              "Mean",
              "1",
              "2",
              "3",
              "4",
              "5",
              "Don't know",
              "Hidden, reason",
            ],
      ];
      for (const u of cohort.units.filter((candidate) => candidate.path.startsWith(unit.path))) {
        if (
          !policy.viewResults(actor, { ...u, tenantId: actor.tenantId }, row, settings.embargoDays, now)
            .allowed
        )
          continue;
        for (const category of ["all", ...ROLE_CATEGORIES] as const)
          for (const result of cellResults(cohort, row, bank, { unitId: u.id, category }, request.lang))
            lines.push(
              "suppressed" in result
                ? [
                    u.name,
                    category,
                    texts.get(result.itemId) ?? result.itemId,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    result.reason,
                  ]
                : [
                    u.name,
                    category,
                    texts.get(result.itemId) ?? result.itemId,
                    result.n,
                    result.mean,
                    ...result.distribution,
                    result.dontKnow,
                    null,
                  ],
            );
      }
      return sendCsv(reply, `tillitsbarometern-${row.closesOn}.csv`, lines);
    },
  );

  app.post(
    "/api/barometer/rounds/:id/discussions",
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ unitId: id, notes: z.string().trim().min(1).max(8000) }),
        response: { 201: z.object({ id }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { row, cohort, unitId } = await resultsContext(db, actor, request.params.id, request.body.unitId);
      const unit = cohort.byId.get(unitId)!;
      authorize(policy.discussResults(actor, { ...unit, tenantId: actor.tenantId }));
      const created = await db.transaction(async (tx) => {
        const created = await store.insertDiscussion(tx, {
          tenantId: actor.tenantId,
          roundId: row.id,
          unitId,
          notes: request.body.notes,
          createdByName: actor.name,
        });
        await auditAction(tx, actor, {
          action: "barometer.discussion.create",
          targetType: "barometer_round",
          targetId: row.id,
          summary: `Antecknade samtalet om ${row.title} för ${unit.name}`,
        });
        return created;
      });
      reply.code(201);
      return { id: created.id };
    },
  );
}

// ---- helpers

/** A question as shown to a person: in their language, with its scale's words. */
const itemViewOf = (item: BankItem, lang: Lang) => ({
  ...item,
  text: item[lang],
  scaleLabels: item.kind === "scale" ? SCALE_LABELS[item.scale ?? "agree"][lang] : null,
  dontKnow: DONT_KNOW[lang],
  custom: item.id.startsWith("custom."),
});

async function scopeOf(db: Db, row: RoundRow) {
  const unit = await orgStore.getUnit(db, row.tenantId, row.unitId);
  if (!unit) throw notFound(roundNotFound);
  return unit;
}

async function summarise(db: Db, actor: Actor, row: RoundRow): Promise<z.infer<typeof roundSummary> | null> {
  const [scope, invitation, bank] = await Promise.all([
    scopeOf(db, row),
    store.getInvitation(db, row.id, actor.personId),
    itemsOf(db, actor.tenantId),
  ]);
  if (!policy.viewRound(actor, scope, invitation !== null).allowed) return null;
  const byId = new Map(bank.map((item) => [item.id, item]));
  return {
    ...row,
    unitName: scope.name,
    phase: roundPhase(row, today()),
    itemCount: row.itemIds.length,
    estimatedSeconds: estimatedSeconds(row.itemIds.flatMap((itemId) => byId.get(itemId) ?? [])),
    invited: invitation !== null,
    answered: invitation?.answered ?? false,
    canClose: policy.closeRound(actor, row).allowed && !row.closedAt,
    minGroupSize: row.k,
  };
}

async function visibleRound(db: Db, actor: Actor, roundId: string): Promise<RoundRow> {
  const row = await store.getRound(db, actor.tenantId, roundId);
  if (!row || !(await summarise(db, actor, row))) throw notFound(roundNotFound);
  return row;
}

/** A closed round, a unit in its scope, and the caller's right to see that unit's results now. */
async function resultsContext(db: Db, actor: Actor, roundId: string, unitId: string | undefined) {
  const row = await store.getRound(db, actor.tenantId, roundId);
  if (!row) throw notFound(roundNotFound);
  if (!row.closedAt)
    throw conflict({
      sv: "Resultat finns när omgången har stängt.",
      en: "Results exist once the round has closed.",
    });
  const cohort = await cohortOf(db, row);
  const unit = cohort.byId.get(unitId ?? row.unitId);
  if (!unit) throw notFound(unitNotFound);
  const settings = await settingsOf(db, actor.tenantId);
  authorize(
    policy.viewResults(actor, { ...unit, tenantId: actor.tenantId }, row, settings.embargoDays, new Date()),
    unitNotFound,
  );
  return { row, cohort, unitId: unit.id };
}

/** The same unit in earlier closed rounds that covered it, oldest first, each under its own plan. */
async function trendOf(db: Db, actor: Actor, row: RoundRow, unitId: string, lang: Lang) {
  const rounds = (await store.listRounds(db, actor.tenantId)).filter(
    (other) => other.closedAt && other.id !== row.id && other.closesOn < row.closesOn,
  );
  const bank = await itemsOf(db, actor.tenantId);
  const trend: { roundId: string; title: string; closesOn: string; items: ReturnType<typeof cellResults> }[] =
    [];
  for (const other of rounds) {
    const cohort: Cohort = await cohortOf(db, other);
    if (!cohort.byId.has(unitId)) continue;
    trend.push({
      roundId: other.id,
      title: other.title,
      closesOn: other.closesOn,
      items: cellResults(cohort, other, bank, { unitId, category: "all" }, lang),
    });
  }
  return trend.sort((a, b) => a.closesOn.localeCompare(b.closesOn));
}
