// Administrators' forms for the unit tree: new unit, edit, move, new person in a unit.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../server/core/access.ts";
import { UNIT_KINDS } from "../../../server/org/model.ts";
import { fieldErrors, patch, post } from "../../api.ts";
import type { Role, UnitDetail } from "../../types.ts";
import { Checkbox, MutationForm, SelectField, TextField } from "../../ui.tsx";
import { UnitPicker } from "./unit-picker.tsx";

/** The server's limits on a unit's and a person's texts (org/schemas.ts; both share one `name`). */
const NAME_MAX = 200;
const KIND_LABEL_MAX = 100;
const CODE_MAX = 50;

/** The fields of the unit forms, by the key the server's details use, in the form's words. */
function useUnitFieldLabels() {
  const { t } = useTranslation();
  return {
    name: t("fields.name"),
    kind: t("fields.kind"),
    kindLabel: t("fields.kindLabel"),
    code: t("fields.code"),
    parentId: t("unit.newParent"),
  };
}

/** What the unit forms edit, as typed. */
type UnitFieldValues = { name: string; code: string; kind: string; kindLabel: string };

/** The request's fields: an empty code is none, and only a custom kind keeps its own label. */
const unitBody = ({ name, code, kind, kindLabel }: UnitFieldValues) => ({
  name,
  code: code || null,
  kind,
  kindLabel: kind === "custom" ? kindLabel : null,
});

/** A unit's name, kind (with its own label when custom) and code, as the new and the edit form ask them. */
function UnitFields({
  values,
  onChange,
  errors,
  codeHint,
}: {
  values: UnitFieldValues;
  onChange: (values: UnitFieldValues) => void;
  errors: Record<string, string>;
  /** The new-unit form says what the code is for; on the edit form it is already known. */
  codeHint?: string;
}) {
  const { t } = useTranslation();
  const labels = useUnitFieldLabels();
  const set = (key: keyof UnitFieldValues) => (value: string) => onChange({ ...values, [key]: value });
  return (
    <>
      <TextField
        label={labels.name}
        error={errors.name}
        required
        maxLength={NAME_MAX}
        value={values.name}
        onChange={set("name")}
      />
      <SelectField
        label={labels.kind}
        value={values.kind}
        onChange={set("kind")}
        error={errors.kind}
        options={UNIT_KINDS.map((k) => [k, t(`kinds.${k}`)])}
      />
      {values.kind === "custom" ? (
        <TextField
          label={labels.kindLabel}
          hint={t("fields.kindLabelHint")}
          error={errors.kindLabel}
          maxLength={KIND_LABEL_MAX}
          value={values.kindLabel}
          onChange={set("kindLabel")}
        />
      ) : null}
      <TextField
        label={labels.code}
        hint={codeHint}
        error={errors.code}
        maxLength={CODE_MAX}
        value={values.code}
        onChange={set("code")}
      />
    </>
  );
}

export function NewUnitForm({ parentId }: { parentId: string | null }) {
  const { t } = useTranslation();
  const labels = useUnitFieldLabels();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<UnitFieldValues>({
    name: "",
    code: "",
    kind: parentId ? "enhet" : "namnd",
    kindLabel: "",
  });
  const create = useMutation({
    mutationFn: () => post<{ id: string }>("/api/units", { ...unitBody(values), parentId }),
    onSuccess: async (unit) => {
      await queryClient.invalidateQueries();
      void navigate({ to: "/enheter/$unitId", params: { unitId: unit.id } });
    },
  });
  return (
    <MutationForm mutation={create} send={() => create.mutate()} fields={labels}>
      <UnitFields
        values={values}
        onChange={setValues}
        errors={fieldErrors(create.error)}
        codeHint={t("fields.codeHint")}
      />
      <button type="submit" className="button primary" disabled={create.isPending}>
        {t("unit.create")}
      </button>
    </MutationForm>
  );
}

export function EditUnitForm({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const labels = useUnitFieldLabels();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<UnitFieldValues>({
    name: unit.name,
    code: unit.code ?? "",
    kind: unit.kind,
    kindLabel: unit.kindLabel ?? "",
  });
  const save = useMutation({
    mutationFn: (changes: Record<string, unknown>) => patch(`/api/units/${unit.id}`, changes),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <MutationForm
      mutation={save}
      send={() => save.mutate(unitBody(values))}
      saved={t("common.saved")}
      fields={labels}
    >
      <UnitFields values={values} onChange={setValues} errors={fieldErrors(save.error)} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t("common.save")}
        </button>
        <button
          type="button"
          className="button"
          disabled={save.isPending}
          onClick={() => save.mutate({ active: !unit.active })}
        >
          {unit.active ? t("unit.deactivate") : t("unit.activate")}
        </button>
      </div>
    </MutationForm>
  );
}

/** Moving a unit takes its whole subtree along; units inside the subtree are not offered as new parents. */
export function MoveUnitForm({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const labels = useUnitFieldLabels();
  const queryClient = useQueryClient();
  const [parentId, setParentId] = useState(unit.parentId ?? "");
  const move = useMutation({
    mutationFn: () => patch(`/api/units/${unit.id}`, { parentId: parentId || null }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <MutationForm mutation={move} send={() => move.mutate()} saved={t("unit.moved")} fields={labels}>
      <UnitPicker
        label={labels.parentId}
        hint={t("unit.moveHint")}
        error={fieldErrors(move.error).parentId}
        value={parentId}
        onChange={setParentId}
        placeholder={t("unit.noParent")}
        excluding={unit.id}
      />
      <button type="submit" className="button primary" disabled={move.isPending}>
        {t("unit.move")}
      </button>
    </MutationForm>
  );
}

export function NewPersonForm({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("employee");
  const [invite, setInvite] = useState(true);
  const create = useMutation({
    mutationFn: () => post("/api/people", { name, email, unitId, role, invite }),
    onSuccess: () => {
      setName("");
      setEmail("");
      return queryClient.invalidateQueries();
    },
  });
  const labels = { name: t("fields.name"), email: t("fields.email"), role: t("fields.role") };
  const errors = fieldErrors(create.error);
  return (
    <MutationForm
      mutation={create}
      send={() => create.mutate()}
      saved={t("unit.personAdded")}
      fields={labels}
    >
      <PersonFields name={name} setName={setName} email={email} setEmail={setEmail} errors={errors} />
      <RoleSelect value={role} onChange={setRole} error={errors.role} />
      <Checkbox label={t("unit.sendInvite")} checked={invite} onChange={setInvite} />
      <button type="submit" className="button primary" disabled={create.isPending}>
        {t("unit.addPerson")}
      </button>
    </MutationForm>
  );
}

/** A person's name and e-mail address, as the new-person and the edit-person forms ask them. */
export function PersonFields({
  name,
  setName,
  email,
  setEmail,
  errors,
}: {
  name: string;
  setName: (name: string) => void;
  email: string;
  setEmail: (email: string) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("fields.name")}
        error={errors.name}
        required
        maxLength={NAME_MAX}
        value={name}
        onChange={setName}
      />
      <TextField
        label={t("fields.email")}
        error={errors.email}
        type="email"
        value={email}
        onChange={setEmail}
      />
    </>
  );
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export function RoleSelect({
  value,
  onChange,
  error,
}: {
  value: Role;
  onChange: (role: Role) => void;
  error?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("fields.role")}
      value={value}
      onChange={(chosen) => {
        if (isRole(chosen)) onChange(chosen);
      }}
      error={error}
      options={ROLES.map((role) => [role, t(`roles.${role}`)])}
    />
  );
}
