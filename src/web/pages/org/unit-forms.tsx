// Administrators' forms for the unit tree: new unit, edit, move, new person in a unit.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../server/core/access.ts";
import { UNIT_KINDS } from "../../../server/org/model.ts";
import { fieldErrors, patch, post } from "../../api.ts";
import { indented, isWithin } from "../../tree.ts";
import type { Role, UnitDetail } from "../../types.ts";
import { Checkbox, ErrorMessage, SelectField, SuccessMessage, TextField } from "../../ui.tsx";
import { useUnitOptions } from "./queries.ts";

/** The server's limits on a unit's texts (org/schemas.ts). */
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

function KindFields({
  kind,
  setKind,
  label,
  setLabel,
  errors,
}: {
  kind: string;
  setKind: (k: string) => void;
  label: string;
  setLabel: (l: string) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t("fields.kind")}
        value={kind}
        onChange={setKind}
        error={errors.kind}
        options={UNIT_KINDS.map((k) => [k, t(`kinds.${k}`)])}
      />
      {kind === "custom" ? (
        <TextField
          label={t("fields.kindLabel")}
          hint={t("fields.kindLabelHint")}
          error={errors.kindLabel}
          maxLength={KIND_LABEL_MAX}
          value={label}
          onChange={setLabel}
        />
      ) : null}
    </>
  );
}

const onSubmit = (action: () => void) => (event: FormEvent) => {
  event.preventDefault();
  action();
};

export function NewUnitForm({ parentId }: { parentId: string | null }) {
  const { t } = useTranslation();
  const labels = useUnitFieldLabels();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [code, setCode] = useState("");
  const [kind, setKind] = useState(parentId ? "enhet" : "namnd");
  const [kindLabel, setKindLabel] = useState("");
  const create = useMutation({
    mutationFn: () =>
      post<{ id: string }>("/api/units", {
        name,
        parentId,
        kind,
        code: code || null,
        kindLabel: kind === "custom" ? kindLabel : null,
      }),
    onSuccess: async (unit) => {
      await queryClient.invalidateQueries();
      void navigate({ to: "/enheter/$unitId", params: { unitId: unit.id } });
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <form className="form" noValidate onSubmit={onSubmit(() => create.mutate())}>
      <ErrorMessage error={create.error} fields={labels} />
      <TextField
        label={labels.name}
        error={errors.name}
        required
        maxLength={NAME_MAX}
        value={name}
        onChange={setName}
      />
      <KindFields kind={kind} setKind={setKind} label={kindLabel} setLabel={setKindLabel} errors={errors} />
      <TextField
        label={labels.code}
        hint={t("fields.codeHint")}
        error={errors.code}
        maxLength={CODE_MAX}
        value={code}
        onChange={setCode}
      />
      <button type="submit" className="button primary" disabled={create.isPending}>
        {t("unit.create")}
      </button>
    </form>
  );
}

export function EditUnitForm({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const labels = useUnitFieldLabels();
  const queryClient = useQueryClient();
  const [name, setName] = useState(unit.name);
  const [code, setCode] = useState(unit.code ?? "");
  const [kind, setKind] = useState<string>(unit.kind);
  const [kindLabel, setKindLabel] = useState(unit.kindLabel ?? "");
  const save = useMutation({
    mutationFn: (changes: Record<string, unknown>) => patch(`/api/units/${unit.id}`, changes),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const errors = fieldErrors(save.error);
  return (
    <form
      className="form"
      noValidate
      onSubmit={onSubmit(() =>
        save.mutate({ name, code: code || null, kind, kindLabel: kind === "custom" ? kindLabel : null }),
      )}
    >
      {save.isSuccess ? <SuccessMessage>{t("common.saved")}</SuccessMessage> : null}
      <ErrorMessage error={save.error} fields={labels} />
      <TextField
        label={labels.name}
        error={errors.name}
        required
        maxLength={NAME_MAX}
        value={name}
        onChange={setName}
      />
      <KindFields kind={kind} setKind={setKind} label={kindLabel} setLabel={setKindLabel} errors={errors} />
      <TextField
        label={labels.code}
        error={errors.code}
        maxLength={CODE_MAX}
        value={code}
        onChange={setCode}
      />
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
    </form>
  );
}

/** Moving a unit takes its whole subtree along; units inside the subtree are not offered as new parents. */
export function MoveUnitForm({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const labels = useUnitFieldLabels();
  const queryClient = useQueryClient();
  const units = useUnitOptions();
  const [parentId, setParentId] = useState(unit.parentId ?? "");
  const subtree = new Set([unit.id]);
  const options = units.options.filter(
    ({ unit: candidate }) => !isWithin(units.data ?? [], candidate.id, subtree),
  );
  const move = useMutation({
    mutationFn: () => patch(`/api/units/${unit.id}`, { parentId: parentId || null }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <form className="form" noValidate onSubmit={onSubmit(() => move.mutate())}>
      {move.isSuccess ? <SuccessMessage>{t("unit.moved")}</SuccessMessage> : null}
      <ErrorMessage error={move.error} fields={labels} />
      <SelectField
        label={labels.parentId}
        hint={t("unit.moveHint")}
        error={fieldErrors(move.error).parentId}
        value={parentId}
        onChange={setParentId}
        placeholder={t("unit.noParent")}
        allowEmpty
        options={options.map(({ unit: option, depth }) => [option.id, indented(option.name, depth)])}
      />
      <button type="submit" className="button primary" disabled={move.isPending}>
        {t("unit.move")}
      </button>
    </form>
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
  const errors = fieldErrors(create.error);
  const labels = { name: t("fields.name"), email: t("fields.email"), role: t("fields.role") };
  return (
    <form className="form" noValidate onSubmit={onSubmit(() => create.mutate())}>
      {create.isSuccess ? <SuccessMessage>{t("unit.personAdded")}</SuccessMessage> : null}
      <ErrorMessage error={create.error} fields={labels} />
      <TextField
        label={labels.name}
        error={errors.name}
        required
        maxLength={NAME_MAX}
        value={name}
        onChange={setName}
      />
      <TextField label={labels.email} error={errors.email} type="email" value={email} onChange={setEmail} />
      <RoleSelect value={role} onChange={setRole} error={errors.role} />
      <Checkbox label={t("unit.sendInvite")} checked={invite} onChange={setInvite} />
      <button type="submit" className="button primary" disabled={create.isPending}>
        {t("unit.addPerson")}
      </button>
    </form>
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
