// The checks a demand passes before it is written, beyond what its schema can say.
import type { Db } from "../core/db.ts";
import { conflict, fieldError } from "../core/errors.ts";
import type { Verdict } from "../core/verdict.ts";
import type { DemandInput } from "./schemas.ts";
import type { ChainContext } from "./service.ts";
import type { DemandRow } from "./store.ts";
import * as store from "./store.ts";

export const unitNotFound = { sv: "Enheten finns inte.", en: "The unit does not exist." };

export function refuseUnless(verdict: Verdict) {
  if (!verdict.ok) throw conflict(verdict.refusal, { code: verdict.refusal.code });
}

/** Checks what zod cannot: the frequency rule, dates in order, and every unit and actor in the tenant. */
export function checkDemand(context: ChainContext, input: Omit<DemandInput, "existing">) {
  if ((input.frequencyKind ?? "periodic") === "periodic" && input.frequencyPerYear <= 0)
    throw fieldError("body.frequencyPerYear", {
      sv: "Ett återkommande krav måste ske minst en gång per år (mer än 0).",
      en: "A periodic demand must occur more than 0 times a year.",
    });
  if (input.startDate && input.endDate && input.endDate < input.startDate)
    throw fieldError("body.endDate", {
      sv: "Slutdatum ligger före startdatum.",
      en: "The end date is before the start date.",
    });
  if ("unitId" in input.requester && !context.units.has(input.requester.unitId))
    throw fieldError("body.requester.unitId", unitNotFound);
  if ("actorId" in input.requester && !context.actors.has(input.requester.actorId))
    throw fieldError("body.requester.actorId", {
      sv: "Aktören finns inte.",
      en: "The actor does not exist.",
    });
  const reporterUnits =
    "unitIds" in input.reporters
      ? input.reporters.unitIds
      : input.reporters.unitId
        ? [input.reporters.unitId]
        : [];
  reporterUnits.forEach((unitId, index) => {
    if (!context.units.has(unitId))
      throw fieldError(
        "unitIds" in input.reporters ? `body.reporters.unitIds.${index}` : "body.reporters.unitId",
        unitNotFound,
      );
  });
  if (input.requiredByLaw && !input.legalReference?.trim())
    throw fieldError("body.legalReference", {
      sv: "Ange lagrummet när kravet är ett lagkrav.",
      en: "Give the legal reference when the demand is required by law.",
    });
}

export async function checkCode(
  db: Db,
  tenantId: string,
  code: string | null | undefined,
  exceptId?: string,
) {
  if (code && (await store.demandCodeTaken(db, tenantId, code, exceptId)))
    throw fieldError("body.code", {
      sv: "Koden används redan av ett annat krav.",
      en: "The code is already used by another demand.",
    });
}

export function toColumns(input: Omit<DemandInput, "existing">) {
  const { requester: who, ...rest } = input;
  return {
    ...rest,
    requesterUnitId: "unitId" in who ? who.unitId : null,
    requesterActorId: "actorId" in who ? who.actorId : null,
    controlComponent: input.controlComponent ?? "followup",
    frequencyKind: input.frequencyKind ?? "periodic",
    dataFields: input.dataFields ?? [],
    trust: input.trust ?? {},
    requiredByLaw: input.requiredByLaw ?? false,
  };
}

export function fromColumns(row: DemandRow): Omit<DemandInput, "existing"> {
  return {
    code: row.code,
    title: row.title,
    description: row.description,
    kind: row.kind as DemandInput["kind"],
    purpose: row.purpose as DemandInput["purpose"],
    controlComponent: row.controlComponent as DemandInput["controlComponent"],
    requester: row.requesterActorId
      ? { actorId: row.requesterActorId }
      : { unitId: row.requesterUnitId ?? "" },
    reporters: row.reporters as DemandInput["reporters"],
    frequencyKind: row.frequencyKind as DemandInput["frequencyKind"],
    frequencyPerYear: row.frequencyPerYear,
    minutesPerOccurrence: row.minutesPerOccurrence,
    hourlyCost: row.hourlyCost,
    requiredByLaw: row.requiredByLaw,
    legalReference: row.legalReference,
    dataFields: row.dataFields,
    recipients: row.recipients,
    decisionsInformed: row.decisionsInformed,
    startDate: row.startDate,
    endDate: row.endDate,
    trust: row.trust,
  };
}
