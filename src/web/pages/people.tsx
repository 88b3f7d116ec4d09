import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../server/core/access.ts";
import { del, get, patch, post, query } from "../api.ts";
import { formatDateTime, formatNumber } from "../i18n.ts";
import type { Person, PersonDetail, Role, UnitListItem } from "../types.ts";
import { EmptyState, ErrorMessage, Field, Loading, Page, SuccessMessage, TableWrap } from "../ui.tsx";
import { RoleSelect } from "./unit-forms.tsx";

const PAGE_SIZE = 50;

export function PeoplePage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState("");
  const [includeInactive, setIncludeInactive] = useState(false);
  const [offset, setOffset] = useState(0);
  const params = { q: search.trim(), role, includeInactive, limit: PAGE_SIZE, offset };
  const people = useQuery({
    queryKey: ["people", params],
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
        <Field label={t("people.search")}>
          {(props) => (
            <input
              {...props}
              type="search"
              value={search}
              onChange={(e) => resetPaging(setSearch)(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("fields.role")}>
          {(props) => (
            <select {...props} value={role} onChange={(e) => resetPaging(setRole)(e.target.value)}>
              <option value="">{t("people.allRoles")}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeInactive}
            onChange={(e) => resetPaging(setIncludeInactive)(e.target.checked)}
          />
          {t("people.includeInactive")}
        </label>
      </div>
      <ErrorMessage error={people.error} />
      {people.isPending ? <Loading /> : null}
      {people.data && !people.data.items.length ? (
        <EmptyState title={t("people.empty")}>{t("people.emptyHelp")}</EmptyState>
      ) : null}
      {people.data?.items.length ? (
        <>
          <p aria-live="polite">
            {t("people.showing", {
              from: formatNumber(offset + 1, i18n.language),
              to: formatNumber(Math.min(offset + PAGE_SIZE, total), i18n.language),
              total: formatNumber(total, i18n.language),
            })}
          </p>
          <TableWrap label={t("people.title")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("people.roles")}</th>
                  <th scope="col">{t("fields.email")}</th>
                </tr>
              </thead>
              <tbody>
                {people.data.items.map((person) => (
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
            </table>
          </TableWrap>
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
      ) : null}
    </Page>
  );
}

export function PersonPage() {
  const { t, i18n } = useTranslation();
  const { personId } = useParams({ from: "/app/personer/$personId" });
  const person = useQuery({
    queryKey: ["person", personId],
    queryFn: () => get<PersonDetail>(`/api/people/${personId}`),
  });
  if (person.isPending) return <Loading />;
  if (!person.data) {
    return (
      <Page title={t("person.notFound")}>
        <ErrorMessage error={person.error} />
        <Link to="/personer">{t("person.back")}</Link>
      </Page>
    );
  }
  const data = person.data;
  return (
    <>
      <nav aria-label={t("person.breadcrumb")} className="breadcrumb">
        <ol>
          <li>
            <Link to="/personer">{t("nav.people")}</Link>
          </li>
        </ol>
      </nav>
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
                  date: data.deactivatedAt ? formatDateTime(data.deactivatedAt, i18n.language) : "—",
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
  const units = useQuery({ queryKey: ["units", ""], queryFn: () => get<UnitListItem[]>("/api/units") });
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
  const sortedUnits = [...(units.data ?? [])]
    .filter((u) => u.active)
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));

  return (
    <section aria-labelledby="manage-person" className="manage">
      <h2 id="manage-person">{t("person.manage")}</h2>
      <details className="card">
        <summary>{t("person.edit")}</summary>
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ name, email, employeeNumber: employeeNumber || null });
          }}
        >
          {save.isSuccess ? <SuccessMessage>{t("common.saved")}</SuccessMessage> : null}
          <ErrorMessage error={save.error} />
          <Field label={t("fields.name")}>
            {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t("fields.email")}>
            {(props) => (
              <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <Field label={t("fields.employeeNumber")}>
            {(props) => (
              <input {...props} value={employeeNumber} onChange={(e) => setEmployeeNumber(e.target.value)} />
            )}
          </Field>
          <div className="button-row">
            <button type="submit" className="button primary">
              {t("common.save")}
            </button>
            <button type="button" className="button" onClick={() => save.mutate({ active: !person.active })}>
              {person.active ? t("person.deactivate") : t("person.reactivate")}
            </button>
          </div>
        </form>
      </details>
      <details className="card">
        <summary>{t("person.addRole")}</summary>
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            addRole.mutate();
          }}
        >
          {addRole.isSuccess ? <SuccessMessage>{t("common.saved")}</SuccessMessage> : null}
          <ErrorMessage error={addRole.error} />
          <Field label={t("fields.unit")}>
            {(props) => (
              <select {...props} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
                <option value="">{t("person.chooseUnit")}</option>
                {sortedUnits.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <RoleSelect value={role} onChange={setRole} />
          <button type="submit" className="button primary">
            {t("person.addRole")}
          </button>
        </form>
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
