// The unit tree the person sees, opened a level at a time (each level asked of the server when it
// is opened), and a search on the server that finds a unit by name or code among thousands.
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hasRole, useMe } from "../../auth.ts";
import type { UnitListItem } from "../../types.ts";
import { Checkbox, EmptyState, Page, QueryView, TextField, useKindLabel } from "../../ui.tsx";
import { useUnitLevel, useUnitSearch } from "./queries.ts";
import { NewUnitForm } from "./unit-forms.tsx";
import { usePaused } from "./unit-picker.tsx";

const MAX_MATCHES = 50;

/** "Nämnd › Förvaltning › …": where a unit found by search sits. */
const placeOf = (unit: UnitListItem) => (unit.ancestors ?? []).map((above) => above.name).join(" › ");

export function UnitsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const roots = useUnitLevel(null);
  const [search, setSearch] = useState("");
  const [showInactive, setShowInactive] = useState(false);
  const needle = usePaused(search.trim());
  const found = useUnitSearch(needle, null, MAX_MATCHES);
  const matches = (needle ? (found.data ?? []) : []).filter((unit) => showInactive || unit.active);
  const shown = (level: UnitListItem[]) => level.filter((unit) => showInactive || unit.active);

  return (
    <Page title={t("units.title")} intro={t("units.intro")}>
      <div className="toolbar" role="search">
        <TextField label={t("units.search")} type="search" value={search} onChange={setSearch} />
        <Checkbox label={t("units.showInactive")} checked={showInactive} onChange={setShowInactive} />
      </div>
      <QueryView query={roots}>
        {(data) =>
          data.length ? null : (
            <EmptyState title={t("units.empty")}>
              {hasRole(me, "admin") ? t("units.emptyAdmin") : t("units.emptyOther")}
            </EmptyState>
          )
        }
      </QueryView>
      {/* Only the count is announced while typing, not the whole list. */}
      <p role="status" className={needle ? undefined : "visually-hidden"}>
        {needle && found.data ? t("units.matches", { count: matches.length }) : ""}
      </p>
      {needle ? (
        <section aria-label={t("units.results")}>
          <ul className="match-list">
            {matches.map((unit) => (
              <li key={unit.id}>
                <Link to="/enheter/$unitId" params={{ unitId: unit.id }}>
                  {unit.name}
                </Link>
                {unit.ancestors?.length ? <span className="muted match-path">{placeOf(unit)}</span> : null}
              </li>
            ))}
          </ul>
          {(found.data?.length ?? 0) >= MAX_MATCHES ? (
            <p className="muted">{t("units.tooMany", { count: MAX_MATCHES })}</p>
          ) : null}
        </section>
      ) : (
        <ul className="tree" aria-label={t("units.treeLabel")}>
          {shown(roots.data ?? []).map((unit) => (
            <TreeNode key={unit.id} unit={unit} shown={shown} depth={0} />
          ))}
        </ul>
      )}
      {hasRole(me, "admin") ? (
        <details className="card">
          <summary>{t("units.newRoot")}</summary>
          <NewUnitForm parentId={null} />
        </details>
      ) : null}
    </Page>
  );
}

/** One unit with a disclosure button for its sub-units; they are asked for when it is first opened. */
function TreeNode({
  unit,
  shown,
  depth,
}: {
  unit: UnitListItem;
  shown: (level: UnitListItem[]) => UnitListItem[];
  depth: number;
}) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const [open, setOpen] = useState(depth < 1);
  const children = useUnitLevel(unit.id, open && unit.childCount > 0);
  const groupId = `children-${unit.id}`;
  return (
    <li>
      <div className="tree-row">
        {unit.childCount ? (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={open}
            aria-controls={open ? groupId : undefined}
            aria-label={t(open ? "units.collapse" : "units.expand", { name: unit.name })}
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true">{open ? "−" : "+"}</span>
          </button>
        ) : (
          <span className="tree-spacer" />
        )}
        <Link to="/enheter/$unitId" params={{ unitId: unit.id }}>
          {unit.name}
        </Link>
        <span className="muted tree-meta">
          {kindLabel(unit)} · {t("units.peopleCount", { count: unit.peopleCount })}
          {unit.active ? "" : ` · ${t("common.inactive")}`}
        </span>
      </div>
      {unit.childCount && open ? (
        <ul id={groupId} aria-busy={children.isPending}>
          {children.isPending ? <li className="muted">{t("common.loading")}</li> : null}
          {shown(children.data ?? []).map((child) => (
            <TreeNode key={child.id} unit={child} shown={shown} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
