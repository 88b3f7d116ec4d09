// Registering a follow-up demand, or changing one: who asks, who reports, how often, how long,
// on what grounds, for what, and where it sits on the trust principles.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../server/core/access.ts";
import { fieldErrors, patch, post } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { todayInSweden } from "../../format.ts";
import { indented } from "../../tree.ts";
import type { DemandDetail, DemandInput, Role, TrustPlacement } from "../../types.ts";
import {
  Checkbox,
  CheckboxGroup,
  EmptyState,
  ErrorMessage,
  Page,
  QueryView,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "../../ui.tsx";
import { useActors, useUnitOptions } from "../org/queries.ts";
import {
  CONTROL_COMPONENTS,
  DEMAND_KINDS,
  demandQuery,
  InventoryNav,
  PURPOSES,
  useInventoryRights,
} from "./common.tsx";
import { inventoryKeys } from "./keys.ts";
import { TrustPlacementFields } from "./trust.tsx";

/** The server's limits on a demand's texts (inventory/schemas.ts). */
const LIMITS = {
  code: 50,
  title: 200,
  description: 4000,
  legalReference: 500,
  recipients: 4000,
  decisionsInformed: 4000,
} as const;

type FormState = {
  code: string;
  title: string;
  description: string;
  kind: string;
  purpose: string;
  controlComponent: string;
  requesterType: "unit" | "actor";
  requesterUnitId: string;
  requesterActorId: string;
  reportersType: "scope" | "population";
  roles: Role[];
  unitIds: string[];
  population: string;
  populationRole: string;
  populationUnitId: string;
  frequencyKind: "periodic" | "per_event";
  frequencyPerYear: string;
  minutes: string;
  hourlyCost: string;
  requiredByLaw: boolean;
  legalReference: string;
  dataFields: string;
  recipients: string;
  decisionsInformed: string;
  startDate: string;
  endDate: string;
  trust: TrustPlacement;
  existing: boolean;
};

const EMPTY: FormState = {
  code: "",
  title: "",
  description: "",
  kind: "",
  purpose: "",
  controlComponent: "followup",
  requesterType: "unit",
  requesterUnitId: "",
  requesterActorId: "",
  reportersType: "scope",
  roles: [],
  unitIds: [],
  population: "",
  populationRole: "",
  populationUnitId: "",
  frequencyKind: "periodic",
  frequencyPerYear: "",
  minutes: "",
  hourlyCost: "",
  requiredByLaw: false,
  legalReference: "",
  dataFields: "",
  recipients: "",
  decisionsInformed: "",
  startDate: "",
  endDate: "",
  trust: {},
  existing: false,
};

function fromDemand(demand: DemandDetail): FormState {
  const scope = "roles" in demand.reporters ? demand.reporters : null;
  const population = "population" in demand.reporters ? demand.reporters : null;
  const text = (value: number | null | undefined) =>
    value === null || value === undefined ? "" : String(value);
  return {
    ...EMPTY,
    code: demand.code ?? "",
    title: demand.title,
    description: demand.description ?? "",
    kind: demand.kind,
    purpose: demand.purpose,
    controlComponent: demand.controlComponent,
    requesterType: demand.requester.type,
    requesterUnitId: demand.requester.type === "unit" ? demand.requester.id : "",
    requesterActorId: demand.requester.type === "actor" ? demand.requester.id : "",
    reportersType: scope ? "scope" : "population",
    roles: scope?.roles ?? [],
    unitIds: scope?.unitIds ?? [],
    population: text(population?.population),
    populationRole: population?.role ?? "",
    populationUnitId: population?.unitId ?? "",
    frequencyKind: demand.frequencyKind,
    frequencyPerYear: text(demand.frequencyPerYear),
    minutes: text(demand.minutesPerOccurrence),
    hourlyCost: text(demand.hourlyCost),
    requiredByLaw: demand.requiredByLaw,
    legalReference: demand.legalReference ?? "",
    dataFields: demand.dataFields.join("\n"),
    recipients: demand.recipients ?? "",
    decisionsInformed: demand.decisionsInformed ?? "",
    startDate: demand.startDate ?? "",
    endDate: demand.endDate ?? "",
    trust: demand.trust,
  };
}

/** A decimal as Swedes type it: "7,5" is 7.5. Empty is null, nonsense is NaN. */
const decimal = (value: string) =>
  value.trim() ? Number(value.trim().replace(",", ".").replace(/\s/g, "")) : null;

/** What the person must fix before anything is sent, by field. */
function check(form: FormState, t: (key: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.title.trim()) errors.title = t("inventory.form.errors.title");
  if (!form.kind) errors.kind = t("inventory.form.errors.kind");
  if (!form.purpose) errors.purpose = t("inventory.form.errors.purpose");
  if (form.requesterType === "unit" && !form.requesterUnitId)
    errors.requester = t("inventory.form.errors.requesterUnit");
  if (form.requesterType === "actor" && !form.requesterActorId)
    errors.requester = t("inventory.form.errors.requesterActor");
  if (form.reportersType === "scope") {
    if (!form.roles.length) errors["reporters.roles"] = t("inventory.form.errors.roles");
    if (!form.unitIds.length) errors["reporters.unitIds"] = t("inventory.form.errors.units");
  } else {
    const population = decimal(form.population);
    if (population === null || !Number.isInteger(population) || population < 1)
      errors["reporters.population"] = t("inventory.form.errors.population");
  }
  const frequency = decimal(form.frequencyPerYear);
  if (
    frequency === null ||
    Number.isNaN(frequency) ||
    frequency < 0 ||
    (form.frequencyKind === "periodic" && frequency === 0)
  )
    errors.frequencyPerYear =
      form.frequencyKind === "periodic"
        ? t("inventory.form.errors.frequency")
        : t("inventory.form.errors.events");
  const minutes = decimal(form.minutes);
  if (minutes === null || Number.isNaN(minutes) || minutes <= 0)
    errors.minutesPerOccurrence = t("inventory.form.errors.minutes");
  const cost = decimal(form.hourlyCost);
  if (cost !== null && (Number.isNaN(cost) || cost <= 0))
    errors.hourlyCost = t("inventory.form.errors.hourlyCost");
  if (form.requiredByLaw && !form.legalReference.trim())
    errors.legalReference = t("inventory.form.errors.legalReference");
  if (form.startDate && form.endDate && form.endDate < form.startDate)
    errors.endDate = t("inventory.form.errors.endDate");
  if (form.existing && form.startDate && form.startDate > todayInSweden())
    errors.startDate = t("inventory.form.errors.existingFuture");
  return errors;
}

function toInput(form: FormState, creating: boolean): DemandInput {
  const orNull = (value: string) => value.trim() || null;
  return {
    code: orNull(form.code),
    title: form.title.trim(),
    description: orNull(form.description),
    kind: form.kind,
    purpose: form.purpose,
    controlComponent: form.controlComponent,
    requester:
      form.requesterType === "unit" ? { unitId: form.requesterUnitId } : { actorId: form.requesterActorId },
    reporters:
      form.reportersType === "scope"
        ? { roles: form.roles, unitIds: form.unitIds }
        : {
            population: decimal(form.population) ?? 0,
            role: (form.populationRole || null) as Role | null,
            unitId: form.populationUnitId || null,
          },
    frequencyKind: form.frequencyKind,
    frequencyPerYear: decimal(form.frequencyPerYear) ?? 0,
    minutesPerOccurrence: decimal(form.minutes) ?? 0,
    hourlyCost: decimal(form.hourlyCost),
    requiredByLaw: form.requiredByLaw,
    legalReference: orNull(form.legalReference),
    dataFields: form.dataFields
      .split(/\n|;/)
      .map((field) => field.trim())
      .filter(Boolean),
    recipients: orNull(form.recipients),
    decisionsInformed: orNull(form.decisionsInformed),
    startDate: form.startDate || null,
    endDate: form.endDate || null,
    trust: form.trust,
    ...(creating ? { existing: form.existing } : {}),
  };
}

export function NewDemandPage() {
  const { t } = useTranslation();
  const { canManage } = useInventoryRights(useMe().data);
  return (
    <>
      <InventoryNav />
      <Page title={t("inventory.form.newTitle")} intro={t("inventory.form.newIntro")}>
        {canManage ? (
          <DemandForm initial={EMPTY} />
        ) : (
          <EmptyState title={t("inventory.form.notAllowed")}>{t("inventory.form.notAllowedHelp")}</EmptyState>
        )}
      </Page>
    </>
  );
}

export function EditDemandPage() {
  const { t } = useTranslation();
  const { demandId } = useParams({ from: "/app/inventering/krav/$demandId/andra" });
  const demand = useQuery(demandQuery(demandId));
  return (
    <>
      <InventoryNav />
      <QueryView query={demand} notFound={{ title: t("inventory.demand.notFound") }}>
        {(data) => (
          <Page title={t("inventory.form.editTitle", { title: data.title })}>
            <p>
              <Link to="/inventering/krav/$demandId" params={{ demandId }}>
                {t("inventory.form.backToDemand")}
              </Link>
            </p>
            {data.canManage ? (
              <DemandForm key={data.id} initial={fromDemand(data)} demandId={data.id} />
            ) : (
              <EmptyState title={t("inventory.form.notAllowed")}>
                {t("inventory.form.notAllowedHelp")}
              </EmptyState>
            )}
          </Page>
        )}
      </QueryView>
    </>
  );
}

/** The form's fields by the key the server's details use, in the form's words. */
function useDemandLabels(form: FormState) {
  const { t } = useTranslation();
  return {
    title: t("inventory.fields.title"),
    code: t("inventory.fields.code"),
    description: t("inventory.fields.description"),
    kind: t("inventory.fields.kind"),
    purpose: t("inventory.fields.purpose"),
    controlComponent: t("inventory.fields.controlComponent"),
    requester:
      form.requesterType === "unit"
        ? t("inventory.form.requesterUnitLabel")
        : t("inventory.form.requesterActorLabel"),
    reporters: t("inventory.form.reporters"),
    "reporters.roles": t("inventory.form.roles"),
    "reporters.unitIds": t("inventory.form.units"),
    "reporters.population": t("inventory.form.populationCount"),
    "reporters.role": t("inventory.form.populationRole"),
    "reporters.unitId": t("inventory.form.populationUnit"),
    frequencyKind: t("inventory.fields.frequencyKind"),
    frequencyPerYear:
      form.frequencyKind === "periodic"
        ? t("inventory.form.timesPerYear")
        : t("inventory.form.eventsPerYear"),
    minutesPerOccurrence: t("inventory.form.minutes"),
    hourlyCost: t("inventory.form.hourlyCost"),
    startDate: t("inventory.fields.startDate"),
    endDate: t("inventory.fields.endDate"),
    requiredByLaw: t("inventory.form.requiredByLaw"),
    legalReference: t("inventory.fields.legalReference"),
    dataFields: t("inventory.fields.dataFields"),
    recipients: t("inventory.fields.recipients"),
    decisionsInformed: t("inventory.fields.decisionsInformed"),
    trust: t("inventory.trust.heading"),
    existing: t("inventory.form.existing"),
  };
}

function DemandForm({ initial, demandId }: { initial: FormState; demandId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const units = useUnitOptions();
  const actors = useActors();
  const [form, setForm] = useState(initial);
  const [shownErrors, setShownErrors] = useState<Record<string, string>>({});
  const creating = !demandId;
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const labels = useDemandLabels(form);

  const save = useMutation({
    mutationFn: () =>
      creating
        ? post<DemandDetail>("/api/inventory/demands", toInput(form, true))
        : patch<DemandDetail>(`/api/inventory/demands/${demandId}`, toInput(form, false)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
      void navigate({ to: "/inventering/krav/$demandId", params: { demandId: saved.id } });
    },
  });
  const errors = { ...fieldErrors(save.error), ...shownErrors };
  const error = (key: string) => errors[key] ?? null;
  const unitName = new Map(units.options.map(({ unit }) => [unit.id, unit.name]));
  const unitOptions = units.options.map(({ unit, depth }) => [unit.id, indented(unit.name, depth)] as const);
  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  const summary = Object.entries(shownErrors);

  return (
    <form
      className="form demand-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = check(form, t);
        setShownErrors(found);
        if (Object.keys(found).length) {
          // The summary takes focus, so the person hears what to fix.
          setTimeout(() => document.getElementById("form-errors")?.focus());
          return;
        }
        save.mutate();
      }}
    >
      {summary.length ? (
        <div className="notice notice-error" id="form-errors" tabIndex={-1} role="alert">
          <p>{t("inventory.form.errors.summary", { count: summary.length })}</p>
          <ul>
            {summary.map(([key, message]) => (
              <li key={key}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <Section title={t("inventory.form.what")}>
        <TextField
          label={labels.title}
          error={error("title")}
          required
          maxLength={LIMITS.title}
          value={form.title}
          onChange={(value) => set("title", value)}
        />
        <TextField
          label={labels.code}
          hint={t("inventory.form.codeHint")}
          error={error("code")}
          className="short"
          maxLength={LIMITS.code}
          value={form.code}
          onChange={(value) => set("code", value)}
        />
        <TextAreaField
          label={labels.description}
          error={error("description")}
          maxLength={LIMITS.description}
          value={form.description}
          onChange={(value) => set("description", value)}
        />
        <SelectField
          label={labels.kind}
          value={form.kind}
          onChange={(value) => set("kind", value)}
          error={error("kind")}
          placeholder={t("inventory.form.choose")}
          options={DEMAND_KINDS.map((kind) => [kind, t(`inventory.kinds.${kind}`)])}
        />
        <SelectField
          label={labels.purpose}
          hint={t("inventory.form.purposeHint")}
          value={form.purpose}
          onChange={(value) => set("purpose", value)}
          error={error("purpose")}
          placeholder={t("inventory.form.choose")}
          options={PURPOSES.map((purpose) => [purpose, t(`inventory.purposes.${purpose}`)])}
        />
        <SelectField
          label={labels.controlComponent}
          hint={t("inventory.form.componentHint")}
          value={form.controlComponent}
          onChange={(value) => set("controlComponent", value)}
          error={error("controlComponent")}
          options={CONTROL_COMPONENTS.map((component) => [component, t(`inventory.components.${component}`)])}
        />
      </Section>

      <Section title={t("inventory.form.who")}>
        <RadioGroup
          legend={t("inventory.form.requesterType")}
          inline
          value={form.requesterType}
          onChange={(value) => set("requesterType", value)}
          options={[
            { value: "unit", label: t("inventory.form.requesterUnit") },
            { value: "actor", label: t("inventory.form.requesterActor") },
          ]}
        />
        {form.requesterType === "unit" ? (
          <SelectField
            label={labels.requester}
            value={form.requesterUnitId}
            onChange={(value) => set("requesterUnitId", value)}
            error={error("requester")}
            placeholder={t("inventory.form.chooseUnit")}
            options={unitOptions}
          />
        ) : (
          <SelectField
            label={labels.requester}
            hint={t("inventory.form.actorHint")}
            value={form.requesterActorId}
            onChange={(value) => set("requesterActorId", value)}
            error={error("requester")}
            placeholder={t("inventory.form.chooseActor")}
            options={(actors.data ?? []).map((actor) => [actor.id, actor.name])}
          />
        )}
      </Section>

      <Section title={t("inventory.form.reporters")}>
        <RadioGroup
          legend={t("inventory.form.reportersType")}
          hint={t("inventory.form.reportersHint")}
          inline
          value={form.reportersType}
          onChange={(value) => set("reportersType", value)}
          options={[
            { value: "scope", label: t("inventory.form.scope") },
            { value: "population", label: t("inventory.form.population") },
          ]}
        />
        {form.reportersType === "scope" ? (
          <>
            <CheckboxGroup
              legend={labels["reporters.roles"]}
              error={error("reporters.roles")}
              inline
              values={form.roles}
              onChange={(roles) => set("roles", roles)}
              options={roleOptions}
            />
            <UnitList
              chosen={form.unitIds}
              onChange={(unitIds) => set("unitIds", unitIds)}
              options={units.options}
              unitName={unitName}
              error={error("reporters.unitIds")}
            />
          </>
        ) : (
          <>
            <TextField
              label={labels["reporters.population"]}
              hint={t("inventory.form.populationHint")}
              error={error("reporters.population")}
              className="short"
              inputMode="numeric"
              value={form.population}
              onChange={(value) => set("population", value)}
            />
            <SelectField
              label={labels["reporters.role"]}
              value={form.populationRole}
              onChange={(value) => set("populationRole", value)}
              error={error("reporters.role")}
              placeholder={t("inventory.form.anyRole")}
              allowEmpty
              options={roleOptions.map(({ value, label }) => [value, label])}
            />
            <SelectField
              label={labels["reporters.unitId"]}
              hint={t("inventory.form.populationUnitHint")}
              value={form.populationUnitId}
              onChange={(value) => set("populationUnitId", value)}
              error={error("reporters.unitId")}
              placeholder={t("inventory.form.wholeOrganisation")}
              allowEmpty
              options={unitOptions}
            />
          </>
        )}
      </Section>

      <Section title={t("inventory.form.howOften")}>
        <RadioGroup
          legend={labels.frequencyKind}
          inline
          value={form.frequencyKind}
          onChange={(value) => set("frequencyKind", value)}
          options={[
            { value: "periodic", label: t("inventory.form.periodic") },
            { value: "per_event", label: t("inventory.form.perEvent") },
          ]}
        />
        <TextField
          label={labels.frequencyPerYear}
          hint={
            form.frequencyKind === "periodic" ? t("inventory.form.timesHint") : t("inventory.form.eventsHint")
          }
          error={error("frequencyPerYear")}
          className="short"
          inputMode="decimal"
          value={form.frequencyPerYear}
          onChange={(value) => set("frequencyPerYear", value)}
        />
        <TextField
          label={labels.minutesPerOccurrence}
          hint={t("inventory.form.minutesHint")}
          error={error("minutesPerOccurrence")}
          className="short"
          inputMode="decimal"
          value={form.minutes}
          onChange={(value) => set("minutes", value)}
        />
        <TextField
          label={labels.hourlyCost}
          hint={t("inventory.form.hourlyCostHint")}
          error={error("hourlyCost")}
          className="short"
          inputMode="decimal"
          value={form.hourlyCost}
          onChange={(value) => set("hourlyCost", value)}
        />
        <div className="field-pair">
          <TextField
            label={labels.startDate}
            error={error("startDate")}
            type="date"
            value={form.startDate}
            onChange={(value) => set("startDate", value)}
          />
          <TextField
            label={labels.endDate}
            error={error("endDate")}
            type="date"
            value={form.endDate}
            onChange={(value) => set("endDate", value)}
          />
        </div>
      </Section>

      <Section title={t("inventory.form.grounds")}>
        <Checkbox
          label={labels.requiredByLaw}
          hint={t("inventory.form.requiredByLawHint")}
          checked={form.requiredByLaw}
          onChange={(value) => set("requiredByLaw", value)}
        />
        {form.requiredByLaw ? (
          <TextField
            label={labels.legalReference}
            hint={t("inventory.form.legalReferenceHint")}
            error={error("legalReference")}
            maxLength={LIMITS.legalReference}
            value={form.legalReference}
            onChange={(value) => set("legalReference", value)}
          />
        ) : null}
        <TextAreaField
          label={labels.dataFields}
          hint={t("inventory.form.dataFieldsHint")}
          error={error("dataFields")}
          rows={4}
          value={form.dataFields}
          onChange={(value) => set("dataFields", value)}
        />
        <TextAreaField
          label={labels.recipients}
          hint={t("inventory.form.recipientsHint")}
          error={error("recipients")}
          rows={2}
          maxLength={LIMITS.recipients}
          value={form.recipients}
          onChange={(value) => set("recipients", value)}
        />
        <TextAreaField
          label={labels.decisionsInformed}
          hint={t("inventory.form.decisionsHint")}
          error={error("decisionsInformed")}
          rows={2}
          maxLength={LIMITS.decisionsInformed}
          value={form.decisionsInformed}
          onChange={(value) => set("decisionsInformed", value)}
        />
      </Section>

      <Section title={labels.trust}>
        <p className="hint">{t("inventory.form.trustHint")}</p>
        <TrustPlacementFields value={form.trust} onChange={(trust) => set("trust", trust)} />
      </Section>

      {creating ? (
        <Section title={t("inventory.form.statusHeading")}>
          <Checkbox
            label={labels.existing}
            hint={t("inventory.form.existingHint")}
            checked={form.existing}
            onChange={(value) => set("existing", value)}
          />
        </Section>
      ) : null}

      <ErrorMessage error={save.error} fields={labels} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {creating
            ? form.existing
              ? t("inventory.form.register")
              : t("inventory.form.propose")
            : t("common.save")}
        </button>
        {demandId ? (
          <Link to="/inventering/krav/$demandId" params={{ demandId }} className="button">
            {t("inventory.form.cancel")}
          </Link>
        ) : (
          <Link to="/inventering" className="button">
            {t("inventory.form.cancel")}
          </Link>
        )}
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="form-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The units whose people report, each with its subtree: chosen ones listed, more added from a picker. */
function UnitList({
  chosen,
  onChange,
  options,
  unitName,
  error,
}: {
  chosen: string[];
  onChange: (unitIds: string[]) => void;
  options: { unit: { id: string; name: string }; depth: number }[];
  unitName: Map<string, string>;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [adding, setAdding] = useState("");
  return (
    <fieldset className="unit-list" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend>{t("inventory.form.units")}</legend>
      <p className="hint" id={`${id}-hint`}>
        {t("inventory.form.unitsHint")}
      </p>
      {chosen.length ? (
        <ul className="chosen-units">
          {chosen.map((unitId) => (
            <li key={unitId}>
              <span>{unitName.get(unitId) ?? unitId}</span>
              <button
                type="button"
                className="link-button"
                onClick={() => onChange(chosen.filter((other) => other !== unitId))}
              >
                {t("inventory.form.removeUnit", { name: unitName.get(unitId) ?? "" })}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("inventory.form.noUnits")}</p>
      )}
      <div className="add-unit">
        <SelectField
          label={t("inventory.form.addUnit")}
          value={adding}
          onChange={setAdding}
          placeholder={t("inventory.form.chooseUnit")}
          allowEmpty
          options={options
            .filter(({ unit }) => !chosen.includes(unit.id))
            .map(({ unit, depth }) => [unit.id, indented(unit.name, depth)])}
        />
        <button
          type="button"
          className="button"
          disabled={!adding}
          onClick={() => {
            onChange([...chosen, adding]);
            setAdding("");
          }}
        >
          {t("inventory.form.add")}
        </button>
      </div>
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
