// Administrators' forms for the unit tree: new unit, edit, move, new person in a unit.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../server/core/access.ts";
import { UNIT_KINDS } from "../../server/org/model.ts";
import { get, patch, post } from "../api.ts";
import type { Role, UnitDetail, UnitListItem } from "../types.ts";
import { ErrorMessage, Field, SuccessMessage } from "../ui.tsx";

function KindFields({
  kind,
  setKind,
  label,
  setLabel,
}: {
  kind: string;
  setKind: (k: string) => void;
  label: string;
  setLabel: (l: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("fields.kind")}>
        {(props) => (
          <select {...props} value={kind} onChange={(e) => setKind(e.target.value)}>
            {UNIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind === "custom" ? (
        <Field label={t("fields.kindLabel")} hint={t("fields.kindLabelHint")}>
          {(props) => <input {...props} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
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
  return (
    <form className="form" noValidate onSubmit={onSubmit(() => create.mutate())}>
      <ErrorMessage error={create.error} />
      <Field label={t("fields.name")}>
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <KindFields kind={kind} setKind={setKind} label={kindLabel} setLabel={setKindLabel} />
      <Field label={t("fields.code")} hint={t("fields.codeHint")}>
        {(props) => <input {...props} value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      <button type="submit" className="button primary" disabled={create.isPending}>
        {t("unit.create")}
      </button>
    </form>
  );
}

export function EditUnitForm({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(unit.name);
  const [code, setCode] = useState(unit.code ?? "");
  const [kind, setKind] = useState(unit.kind);
  const [kindLabel, setKindLabel] = useState(unit.kindLabel ?? "");
  const save = useMutation({
    mutationFn: (changes: Record<string, unknown>) => patch(`/api/units/${unit.id}`, changes),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <form
      className="form"
      noValidate
      onSubmit={onSubmit(() =>
        save.mutate({ name, code: code || null, kind, kindLabel: kind === "custom" ? kindLabel : null }),
      )}
    >
      {save.isSuccess ? <SuccessMessage>{t("common.saved")}</SuccessMessage> : null}
      <ErrorMessage error={save.error} />
      <Field label={t("fields.name")}>
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <KindFields kind={kind} setKind={setKind} label={kindLabel} setLabel={setKindLabel} />
      <Field label={t("fields.code")}>
        {(props) => <input {...props} value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
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
  const queryClient = useQueryClient();
  const units = useQuery({ queryKey: ["units", ""], queryFn: () => get<UnitListItem[]>("/api/units") });
  const [parentId, setParentId] = useState(unit.parentId ?? "");
  const inSubtree = new Set<string>([unit.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const candidate of units.data ?? []) {
      if (candidate.parentId && inSubtree.has(candidate.parentId) && !inSubtree.has(candidate.id)) {
        inSubtree.add(candidate.id);
        grew = true;
      }
    }
  }
  const options = (units.data ?? [])
    .filter((u) => !inSubtree.has(u.id) && u.active)
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const move = useMutation({
    mutationFn: () => patch(`/api/units/${unit.id}`, { parentId: parentId || null }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <form className="form" noValidate onSubmit={onSubmit(() => move.mutate())}>
      {move.isSuccess ? <SuccessMessage>{t("unit.moved")}</SuccessMessage> : null}
      <ErrorMessage error={move.error} />
      <Field label={t("unit.newParent")} hint={t("unit.moveHint")}>
        {(props) => (
          <select {...props} value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">{t("unit.noParent")}</option>
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        )}
      </Field>
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
  return (
    <form className="form" noValidate onSubmit={onSubmit(() => create.mutate())}>
      {create.isSuccess ? <SuccessMessage>{t("unit.personAdded")}</SuccessMessage> : null}
      <ErrorMessage error={create.error} />
      <Field label={t("fields.name")}>
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t("fields.email")}>
        {(props) => (
          <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        )}
      </Field>
      <RoleSelect value={role} onChange={setRole} />
      <label className="checkbox">
        <input type="checkbox" checked={invite} onChange={(e) => setInvite(e.target.checked)} />
        {t("unit.sendInvite")}
      </label>
      <button type="submit" className="button primary" disabled={create.isPending}>
        {t("unit.addPerson")}
      </button>
    </form>
  );
}

export function RoleSelect({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t("fields.role")}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as Role)}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
