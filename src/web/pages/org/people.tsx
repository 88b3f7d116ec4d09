// People: the searchable list, one person with their roles, and the administrators' forms for them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../server/core/access.ts";
import { del, fieldErrors, get, patch, post, query } from "../../api.ts";
import { useFormat } from "../../format.ts";
import type { Person, PersonDetail, Role } from "../../types.ts";
import {
  Breadcrumb,
  CaptionedTable,
  Checkbox,
  EmptyState,
  ErrorMessage,
  MutationForm,
  Page,
  QueryView,
  SelectField,
  SuccessMessage,
  TextField,
} from "../../ui.tsx";
import { orgKeys } from "./queries.ts";
import { PersonFields, RoleSelect } from "./unit-forms.tsx";
import { UnitPicker, usePaused } from "./unit-picker.tsx";

/** The server's limit on a person's employee number (org/schemas.ts). */
const EMPLOYEE_NUMBER_MAX = 50;

const PAGE_SIZE = 50;

export function PeoplePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState("");
  const [includeInactive, setIncludeInactive] = useState(false);
  const [offset, setOffset] = useState(0);
  // The server searches once typing pauses, not once per key.
  const q = usePaused(search.trim());
  const params = { q, role, includeInactive, limit: PAGE_SIZE, offset };
  const people = useQuery({
    queryKey: orgKeys.people(params),
    queryFn: () => get<{ total: number; items: Person[] }>(`/api/people${query(params)}`),
    placeholderData: (previous) => previous,
  });
  const total = people.data?.total ?? 0;
  const resetPaging =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setOffset(0);
    };

  return (
    <Page title={t("people.title")} intro={t("people.intro")}>
      <div className="toolbar" role="search">
        <TextField
          label={t("people.search")}
          type="search"
          value={search}
          onChange={resetPaging(setSearch)}
        />
        <SelectField
          label={t("fields.role")}
          value={role}
          onChange={resetPaging(setRole)}
          placeholder={t("people.allRoles")}
          allowEmpty
          options={ROLES.map((r) => [r, t(`roles.${r}`)])}
        />
        <Checkbox
          label={t("people.includeInactive")}
          checked={includeInactive}
          onChange={resetPaging(setIncludeInactive)}
        />
      </div>
      <QueryView query={people}>
        {(data) =>
          data.items.length ? (
            <>
              <p aria-live="polite">
                {t("people.showing", {
                  from: format.whole(offset + 1),
                  to: format.whole(Math.min(offset + PAGE_SIZE, total)),
                  total: format.whole(total),
                })}
              </p>
              <CaptionedTable caption={t("people.title")} showTitle={false}>
                <thead>
                  <tr>
                    <th scope="col">{t("fields.name")}</th>
                    <th scope="col">{t("people.roles")}</th>
                    <th scope="col">{t("fields.email")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((person) => (
                    <tr key={person.id}>
                      <td>
                        <Link to="/personer/$personId" params={{ personId: person.id }}>
                          {person.name}
                        </Link>
                        {person.active ? null : (
                          <span className="badge badge-failed">{t("common.inactive")}</span>
                        )}
                      </td>
                      <td>{person.roles.map((r) => `${t(`roles.${r.role}`)}, ${r.unitName}`).join("; ")}</td>
                      <td>{person.email}</td>
                    </tr>
                  ))}
                </tbody>
              </CaptionedTable>
              <div className="button-row">
                <button
                  type="button"
                  className="button"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
                >
                  {t("common.previous")}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={offset + PAGE_SIZE >= total}
                  onClick={() => setOffset(offset + PAGE_SIZE)}
                >
                  {t("common.next")}
                </button>
              </div>
            </>
          ) : (
            <EmptyState title={t("people.empty")}>{t("people.emptyHelp")}</EmptyState>
          )
        }
      </QueryView>
    </Page>
  );
}

export function PersonPage() {
  const { t } = useTranslation();
  const { personId } = useParams({ from: "/app/personer/$personId" });
  const person = useQuery({
    queryKey: orgKeys.person(personId),
    queryFn: () => get<PersonDetail>(`/api/people/${personId}`),
  });
  return (
    <QueryView
      query={person}
      notFound={{ title: t("person.notFound"), back: <Link to="/personer">{t("person.back")}</Link> }}
    >
      {(data) => <PersonView data={data} />}
    </QueryView>
  );
}

function PersonView({ data }: { data: PersonDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <Breadcrumb label={t("person.breadcrumb")}>
        <li>
          <Link to="/personer">{t("nav.people")}</Link>
        </li>
      </Breadcrumb>
      <Page title={data.name}>
        <dl className="facts card">
          <dt>{t("fields.email")}</dt>
          <dd>{data.email ?? "—"}</dd>
          <dt>{t("fields.employeeNumber")}</dt>
          <dd>{data.employeeNumber ?? "—"}</dd>
          <dt>{t("person.status")}</dt>
          <dd>
            {data.active
              ? t("person.active")
              : t("person.inactiveSince", {
                  date: data.deactivatedAt ? format.moment(data.deactivatedAt) : "—",
                })}
          </dd>
        </dl>
        <section aria-labelledby="roles-heading">
          <h2 id="roles-heading">{t("people.roles")}</h2>
          {data.roles.length ? <RoleList person={data} /> : <p className="muted">{t("person.noRoles")}</p>}
        </section>
        {data.canManage ? <ManagePerson person={data} /> : null}
      </Page>
    </>
  );
}

function RoleList({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (membershipId: string) => del(`/api/people/${person.id}/roles/${membershipId}`),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <>
      <ErrorMessage error={remove.error} />
      <ul className="compact-list">
        {person.roles.map((role) => (
          <li key={role.membershipId}>
            {t(`roles.${role.role}`)},{" "}
            <Link to="/enheter/$unitId" params={{ unitId: role.unitId }}>
              {role.unitName}
            </Link>
            {person.canManage ? (
              <button
                type="button"
                className="link-button danger"
                onClick={() => remove.mutate(role.membershipId)}
                aria-label={t("person.removeRole", { role: t(`roles.${role.role}`), unit: role.unitName })}
              >
                {t("common.remove")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function ManagePerson({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(person.name);
  const [email, setEmail] = useState(person.email ?? "");
  const [employeeNumber, setEmployeeNumber] = useState(person.employeeNumber ?? "");
  const [unitId, setUnitId] = useState("");
  const [role, setRole] = useState<Role>("employee");
  const refresh = () => queryClient.invalidateQueries();
  const save = useMutation({
    mutationFn: (changes: Record<string, unknown>) => patch(`/api/people/${person.id}`, changes),
    onSuccess: refresh,
  });
  const addRole = useMutation({
    mutationFn: () => post(`/api/people/${person.id}/roles`, { unitId, role }),
    onSuccess: refresh,
  });
  const invite = useMutation({ mutationFn: () => post(`/api/people/${person.id}/invite`) });
  const labels = {
    name: t("fields.name"),
    email: t("fields.email"),
    employeeNumber: t("fields.employeeNumber"),
    unitId: t("fields.unit"),
    role: t("fields.role"),
  };
  const saveErrors = fieldErrors(save.error);
  const roleErrors = fieldErrors(addRole.error);

  return (
    <section aria-labelledby="manage-person" className="manage">
      <h2 id="manage-person">{t("person.manage")}</h2>
      <details className="card">
        <summary>{t("person.edit")}</summary>
        <MutationForm
          mutation={save}
          send={() => save.mutate({ name, email, employeeNumber: employeeNumber || null })}
          saved={t("common.saved")}
          fields={labels}
        >
          <PersonFields name={name} setName={setName} email={email} setEmail={setEmail} errors={saveErrors} />
          <TextField
            label={labels.employeeNumber}
            error={saveErrors.employeeNumber}
            maxLength={EMPLOYEE_NUMBER_MAX}
            value={employeeNumber}
            onChange={setEmployeeNumber}
          />
          <div className="button-row">
            <button type="submit" className="button primary">
              {t("common.save")}
            </button>
            <button type="button" className="button" onClick={() => save.mutate({ active: !person.active })}>
              {person.active ? t("person.deactivate") : t("person.reactivate")}
            </button>
          </div>
        </MutationForm>
      </details>
      <details className="card">
        <summary>{t("person.addRole")}</summary>
        <MutationForm
          mutation={addRole}
          send={() => addRole.mutate()}
          saved={t("common.saved")}
          fields={labels}
        >
          <UnitPicker label={labels.unitId} error={roleErrors.unitId} value={unitId} onChange={setUnitId} />
          <RoleSelect value={role} onChange={setRole} error={roleErrors.role} />
          <button type="submit" className="button primary">
            {t("person.addRole")}
          </button>
        </MutationForm>
      </details>
      {person.active && person.email ? (
        <div className="card">
          <p>{t("person.inviteHelp")}</p>
          {invite.isSuccess ? <SuccessMessage>{t("person.inviteSent")}</SuccessMessage> : null}
          <ErrorMessage error={invite.error} />
          <button
            type="button"
            className="button"
            onClick={() => invite.mutate()}
            disabled={invite.isPending}
          >
            {t("person.sendInvite")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
