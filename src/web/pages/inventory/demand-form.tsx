// Registering a follow-up demand, or changing one: who asks, who reports, how often, how long,
// on what grounds, for what, and where it sits on the trust principles.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../server/core/access.ts";
import { ApiError, patch, post } from "../../api.ts";
import { useMe } from "../../auth.ts";
import type { DemandDetail, DemandInput, Role, TrustPlacement } from "../../types.ts";
import { EmptyState, ErrorMessage, Field, Loading, Page } from "../../ui.tsx";
import {
  CONTROL_COMPONENTS,
  DEMAND_KINDS,
  fieldErrors,
  InventoryNav,
  indented,
  PURPOSES,
  useActors,
  useInventoryRights,
  useUnitOptions,
} from "./common.tsx";
import { demandQuery } from "./demand.tsx";
import { TrustPlacementFields } from "./trust.tsx";
import { todayInSweden } from "./uses.tsx";

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
  if (demand.isPending) return <Loading />;
  if (!demand.data)
    return (
      <Page title={t("inventory.demand.notFound")}>
        <ErrorMessage error={demand.error} />
      </Page>
    );
  return (
    <>
      <InventoryNav />
      <Page title={t("inventory.form.editTitle", { title: demand.data.title })}>
        <p>
          <Link to="/inventering/krav/$demandId" params={{ demandId }}>
            {t("inventory.form.backToDemand")}
          </Link>
        </p>
        {demand.data.canManage ? (
          <DemandForm key={demand.data.id} initial={fromDemand(demand.data)} demandId={demand.data.id} />
        ) : (
          <EmptyState title={t("inventory.form.notAllowed")}>{t("inventory.form.notAllowedHelp")}</EmptyState>
        )}
      </Page>
    </>
  );
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

  const save = useMutation({
    mutationFn: () =>
      creating
        ? post<DemandDetail>("/api/inventory/demands", toInput(form, true))
        : patch<DemandDetail>(`/api/inventory/demands/${demandId}`, toInput(form, false)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ["inventory"] });
      void navigate({ to: "/inventering/krav/$demandId", params: { demandId: saved.id } });
    },
  });
  const serverErrors = save.error instanceof ApiError ? fieldErrors(save.error) : {};
  const errors = { ...serverErrors, ...shownErrors };
  const error = (key: string) => errors[key] ?? null;
  const unitName = new Map(units.options.map(({ unit }) => [unit.id, unit.name]));
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
        <Field label={t("inventory.fields.title")} error={error("title")}>
          {(props) => (
            <input
              {...props}
              required
              value={form.title}
              onChange={(event) => set("title", event.target.value)}
            />
          )}
        </Field>
        <Field label={t("inventory.fields.code")} hint={t("inventory.form.codeHint")} error={error("code")}>
          {(props) => (
            <input
              {...props}
              className="short"
              value={form.code}
              onChange={(event) => set("code", event.target.value)}
            />
          )}
        </Field>
        <Field label={t("inventory.fields.description")} error={error("description")}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={form.description}
              onChange={(event) => set("description", event.target.value)}
            />
          )}
        </Field>
        <SelectField
          label={t("inventory.fields.kind")}
          value={form.kind}
          onChange={(value) => set("kind", value)}
          error={error("kind")}
          placeholder={t("inventory.form.choose")}
          options={DEMAND_KINDS.map((kind) => [kind, t(`inventory.kinds.${kind}`)])}
        />
        <SelectField
          label={t("inventory.fields.purpose")}
          hint={t("inventory.form.purposeHint")}
          value={form.purpose}
          onChange={(value) => set("purpose", value)}
          error={error("purpose")}
          placeholder={t("inventory.form.choose")}
          options={PURPOSES.map((purpose) => [purpose, t(`inventory.purposes.${purpose}`)])}
        />
        <SelectField
          label={t("inventory.fields.controlComponent")}
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
          value={form.requesterType}
          onChange={(value) => set("requesterType", value as "unit" | "actor")}
          options={[
            ["unit", t("inventory.form.requesterUnit")],
            ["actor", t("inventory.form.requesterActor")],
          ]}
        />
        {form.requesterType === "unit" ? (
          <SelectField
            label={t("inventory.form.requesterUnitLabel")}
            value={form.requesterUnitId}
            onChange={(value) => set("requesterUnitId", value)}
            error={error("requester")}
            placeholder={t("inventory.form.chooseUnit")}
            options={units.options.map(({ unit, depth }) => [unit.id, indented(unit.name, depth)])}
          />
        ) : (
          <SelectField
            label={t("inventory.form.requesterActorLabel")}
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
          value={form.reportersType}
          onChange={(value) => set("reportersType", value as "scope" | "population")}
          options={[
            ["scope", t("inventory.form.scope")],
            ["population", t("inventory.form.population")],
          ]}
          hint={t("inventory.form.reportersHint")}
        />
        {form.reportersType === "scope" ? (
          <>
            <CheckboxGroup
              legend={t("inventory.form.roles")}
              error={error("reporters.roles")}
              values={form.roles}
              onChange={(roles) => set("roles", roles as Role[])}
              options={ROLES.map((role) => [role, t(`roles.${role}`)])}
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
            <Field
              label={t("inventory.form.populationCount")}
              hint={t("inventory.form.populationHint")}
              error={error("reporters.population")}
            >
              {(props) => (
                <input
                  {...props}
                  className="short"
                  inputMode="numeric"
                  value={form.population}
                  onChange={(event) => set("population", event.target.value)}
                />
              )}
            </Field>
            <SelectField
              label={t("inventory.form.populationRole")}
              value={form.populationRole}
              onChange={(value) => set("populationRole", value)}
              error={error("reporters.role")}
              placeholder={t("inventory.form.anyRole")}
              allowEmpty
              options={ROLES.map((role) => [role, t(`roles.${role}`)])}
            />
            <SelectField
              label={t("inventory.form.populationUnit")}
              hint={t("inventory.form.populationUnitHint")}
              value={form.populationUnitId}
              onChange={(value) => set("populationUnitId", value)}
              error={error("reporters.unitId")}
              placeholder={t("inventory.form.wholeOrganisation")}
              allowEmpty
              options={units.options.map(({ unit, depth }) => [unit.id, indented(unit.name, depth)])}
            />
          </>
        )}
      </Section>

      <Section title={t("inventory.form.howOften")}>
        <RadioGroup
          legend={t("inventory.fields.frequencyKind")}
          value={form.frequencyKind}
          onChange={(value) => set("frequencyKind", value as "periodic" | "per_event")}
          options={[
            ["periodic", t("inventory.form.periodic")],
            ["per_event", t("inventory.form.perEvent")],
          ]}
        />
        <Field
          label={
            form.frequencyKind === "periodic"
              ? t("inventory.form.timesPerYear")
              : t("inventory.form.eventsPerYear")
          }
          hint={
            form.frequencyKind === "periodic" ? t("inventory.form.timesHint") : t("inventory.form.eventsHint")
          }
          error={error("frequencyPerYear")}
        >
          {(props) => (
            <input
              {...props}
              className="short"
              inputMode="decimal"
              value={form.frequencyPerYear}
              onChange={(event) => set("frequencyPerYear", event.target.value)}
            />
          )}
        </Field>
        <Field
          label={t("inventory.form.minutes")}
          hint={t("inventory.form.minutesHint")}
          error={error("minutesPerOccurrence")}
        >
          {(props) => (
            <input
              {...props}
              className="short"
              inputMode="decimal"
              value={form.minutes}
              onChange={(event) => set("minutes", event.target.value)}
            />
          )}
        </Field>
        <Field
          label={t("inventory.form.hourlyCost")}
          hint={t("inventory.form.hourlyCostHint")}
          error={error("hourlyCost")}
        >
          {(props) => (
            <input
              {...props}
              className="short"
              inputMode="decimal"
              value={form.hourlyCost}
              onChange={(event) => set("hourlyCost", event.target.value)}
            />
          )}
        </Field>
        <div className="field-pair">
          <Field label={t("inventory.fields.startDate")} error={error("startDate")}>
            {(props) => (
              <input
                {...props}
                type="date"
                value={form.startDate}
                onChange={(event) => set("startDate", event.target.value)}
              />
            )}
          </Field>
          <Field label={t("inventory.fields.endDate")} error={error("endDate")}>
            {(props) => (
              <input
                {...props}
                type="date"
                value={form.endDate}
                onChange={(event) => set("endDate", event.target.value)}
              />
            )}
          </Field>
        </div>
      </Section>

      <Section title={t("inventory.form.grounds")}>
        <Checkbox
          label={t("inventory.form.requiredByLaw")}
          checked={form.requiredByLaw}
          onChange={(value) => set("requiredByLaw", value)}
          hint={t("inventory.form.requiredByLawHint")}
        />
        {form.requiredByLaw ? (
          <Field
            label={t("inventory.fields.legalReference")}
            hint={t("inventory.form.legalReferenceHint")}
            error={error("legalReference")}
          >
            {(props) => (
              <input
                {...props}
                value={form.legalReference}
                onChange={(event) => set("legalReference", event.target.value)}
              />
            )}
          </Field>
        ) : null}
        <Field
          label={t("inventory.fields.dataFields")}
          hint={t("inventory.form.dataFieldsHint")}
          error={error("dataFields")}
        >
          {(props) => (
            <textarea
              {...props}
              rows={4}
              value={form.dataFields}
              onChange={(event) => set("dataFields", event.target.value)}
            />
          )}
        </Field>
        <Field
          label={t("inventory.fields.recipients")}
          hint={t("inventory.form.recipientsHint")}
          error={error("recipients")}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={form.recipients}
              onChange={(event) => set("recipients", event.target.value)}
            />
          )}
        </Field>
        <Field
          label={t("inventory.fields.decisionsInformed")}
          hint={t("inventory.form.decisionsHint")}
          error={error("decisionsInformed")}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={form.decisionsInformed}
              onChange={(event) => set("decisionsInformed", event.target.value)}
            />
          )}
        </Field>
      </Section>

      <Section title={t("inventory.trust.heading")}>
        <p className="hint">{t("inventory.form.trustHint")}</p>
        <TrustPlacementFields value={form.trust} onChange={(trust) => set("trust", trust)} />
      </Section>

      {creating ? (
        <Section title={t("inventory.form.statusHeading")}>
          <Checkbox
            label={t("inventory.form.existing")}
            checked={form.existing}
            onChange={(value) => set("existing", value)}
            hint={t("inventory.form.existingHint")}
          />
        </Section>
      ) : null}

      <ErrorMessage error={save.error} />
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

function SelectField({
  label,
  hint,
  value,
  onChange,
  options,
  error,
  placeholder,
  allowEmpty = false,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
  error?: string | null;
  placeholder?: string;
  allowEmpty?: boolean;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
          {placeholder ? (
            <option value="" disabled={!allowEmpty}>
              {placeholder}
            </option>
          ) : null}
          {options.map(([key, text]) => (
            <option key={key} value={key}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function RadioGroup({
  legend,
  value,
  onChange,
  options,
  hint,
}: {
  legend: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
  hint?: string;
}) {
  const name = useId();
  return (
    <fieldset aria-describedby={hint ? `${name}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.map(([key, text]) => (
        <label key={key} className="checkbox">
          <input type="radio" name={name} checked={value === key} onChange={() => onChange(key)} />
          {text}
        </label>
      ))}
    </fieldset>
  );
}

function CheckboxGroup({
  legend,
  values,
  onChange,
  options,
  error,
}: {
  legend: string;
  values: string[];
  onChange: (values: string[]) => void;
  options: [string, string][];
  error?: string | null;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="choice-row">
        {options.map(([key, text]) => (
          <label key={key} className="checkbox">
            <input
              type="checkbox"
              checked={values.includes(key)}
              onChange={(event) =>
                onChange(event.target.checked ? [...values, key] : values.filter((value) => value !== key))
              }
            />
            {text}
          </label>
        ))}
      </div>
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

function Checkbox({
  label,
  checked,
  onChange,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
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
        <div className="field">
          <label htmlFor={`${id}-add`}>{t("inventory.form.addUnit")}</label>
          <select id={`${id}-add`} value={adding} onChange={(event) => setAdding(event.target.value)}>
            <option value="">{t("inventory.form.chooseUnit")}</option>
            {options
              .filter(({ unit }) => !chosen.includes(unit.id))
              .map(({ unit, depth }) => (
                <option key={unit.id} value={unit.id}>
                  {indented(unit.name, depth)}
                </option>
              ))}
          </select>
        </div>
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
