// The unit tree the person sees, opened a level at a time, and a search that finds a unit by name or code.
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { hasRole, useMe } from "../../auth.ts";
import { byName, lineOf } from "../../tree.ts";
import type { UnitListItem } from "../../types.ts";
import { Checkbox, EmptyState, Page, QueryView, TextField, useKindLabel } from "../../ui.tsx";
import { useUnits } from "./queries.ts";
import { NewUnitForm } from "./unit-forms.tsx";

type Tree = { roots: UnitListItem[]; children: Map<string, UnitListItem[]>; byId: Map<string, UnitListItem> };

/** The visible units as a tree; a unit whose parent the caller cannot see becomes a root of their view. */
function buildTree(units: UnitListItem[]): Tree {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const children = new Map<string, UnitListItem[]>();
  const roots: UnitListItem[] = [];
  for (const unit of units) {
    if (!unit.parentId || !byId.has(unit.parentId)) {
      roots.push(unit);
      continue;
    }
    const siblings = children.get(unit.parentId);
    if (siblings) siblings.push(unit);
    else children.set(unit.parentId, [unit]);
  }
  for (const list of children.values()) list.sort(byName);
  return { roots: roots.sort(byName), children, byId };
}

/** "Nämnd › Förvaltning › …": where a unit found by search sits, as far up as the person sees. */
function ancestorNames(tree: Tree, units: UnitListItem[], unit: UnitListItem): string {
  return lineOf(units, unit.id)
    .slice(1)
    .reverse()
    .map((id) => tree.byId.get(id)?.name)
    .join(" › ");
}

const MAX_MATCHES = 100;

export function UnitsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const units = useUnits();
  const [search, setSearch] = useState("");
  const [showInactive, setShowInactive] = useState(false);
  const visible = useMemo(
    () => (units.data ?? []).filter((unit) => showInactive || unit.active),
    [units.data, showInactive],
  );
  const tree = useMemo(() => buildTree(visible), [visible]);
  const needle = search.trim().toLowerCase();
  const matches = needle.length
    ? visible.filter(
        (unit) => unit.name.toLowerCase().includes(needle) || unit.code?.toLowerCase().includes(needle),
      )
    : [];

  return (
    <Page title={t("units.title")} intro={t("units.intro")}>
      <div className="toolbar" role="search">
        <TextField label={t("units.search")} type="search" value={search} onChange={setSearch} />
        <Checkbox label={t("units.showInactive")} checked={showInactive} onChange={setShowInactive} />
      </div>
      <QueryView query={units}>
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
        {needle ? t("units.matches", { count: matches.length }) : ""}
      </p>
      {needle ? (
        <section aria-label={t("units.results")}>
          <ul className="match-list">
            {matches.slice(0, MAX_MATCHES).map((unit) => (
              <li key={unit.id}>
                <Link to="/enheter/$unitId" params={{ unitId: unit.id }}>
                  {unit.name}
                </Link>
                {unit.parentId ? (
                  <span className="muted match-path">{ancestorNames(tree, visible, unit)}</span>
                ) : null}
              </li>
            ))}
          </ul>
          {matches.length > MAX_MATCHES ? (
            <p className="muted">{t("units.tooMany", { count: MAX_MATCHES })}</p>
          ) : null}
        </section>
      ) : (
        <ul className="tree" aria-label={t("units.treeLabel")}>
          {tree.roots.map((unit) => (
            <TreeNode key={unit.id} unit={unit} tree={tree} depth={0} />
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

/** One unit with a disclosure button for its children; children are only rendered when opened. */
function TreeNode({ unit, tree, depth }: { unit: UnitListItem; tree: Tree; depth: number }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const children = tree.children.get(unit.id) ?? [];
  const [open, setOpen] = useState(depth < 1);
  const groupId = `children-${unit.id}`;
  return (
    <li>
      <div className="tree-row">
        {children.length ? (
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
      {children.length && open ? (
        <ul id={groupId}>
          {children.map((child) => (
            <TreeNode key={child.id} unit={child} tree={tree} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
