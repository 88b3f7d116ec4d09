// The governance chain's queries, shared by every module's pages: the units the person sees, one
// unit with its people, and the external actors. One key per thing, so a page that changes the
// chain refreshes every page that shows it.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { get, type query } from "../../api.ts";
import { treeOrder } from "../../tree.ts";
import type { ExternalActor, UnitDetail, UnitListItem } from "../../types.ts";

type PeopleFilter = Parameters<typeof query>[0];

export const orgKeys = {
  units: ["units", ""] as const,
  unitLevel: (parentId: string | null) => ["units", "", "level", parentId] as const,
  unitSearch: (q: string, parentId: string | null, limit: number) =>
    ["units", "", "search", q, parentId, limit] as const,
  unit: (unitId: string) => ["unit", unitId] as const,
  people: (filter: PeopleFilter) => ["people", filter] as const,
  person: (personId: string) => ["person", personId] as const,
  actors: ["actors"] as const,
  imports: ["imports"] as const,
  import: (importId: string) => ["import", importId] as const,
};

/**
 * The whole visible tree in one answer. Only for the pages that still fill a select with it
 * (follow-up, the barometer's new round); the chain's own pages and the start page use the tree a
 * level at a time and the unit picker. Goes when those pages have moved to the picker.
 */
export const useUnits = () =>
  useQuery({ queryKey: orgKeys.units, queryFn: () => get<UnitListItem[]>("/api/units?all=true") });

/** One level of the tree: the tops of what the person sees (`parentId` null), or a unit's sub-units. */
export const useUnitLevel = (parentId: string | null, enabled = true) =>
  useQuery({
    queryKey: orgKeys.unitLevel(parentId),
    queryFn: () =>
      get<UnitListItem[]>(parentId ? `/api/units?${new URLSearchParams({ parentId })}` : "/api/units"),
    enabled,
  });

/** Units whose name or code holds `q`, best first, with the names above each (within `parentId`'s subtree). */
export const useUnitSearch = (q: string, parentId?: string | null, limit = 20) =>
  useQuery({
    queryKey: orgKeys.unitSearch(q, parentId ?? null, limit),
    queryFn: () =>
      get<UnitListItem[]>(
        `/api/units?${new URLSearchParams({ q, limit: String(limit), ...(parentId ? { parentId } : {}) })}`,
      ),
    enabled: q.trim().length > 0,
    placeholderData: (previous) => previous,
  });

/** The units the person can see, in tree order with their depth, for pickers. */
export function useUnitOptions() {
  const units = useUnits();
  const options = useMemo(() => treeOrder(units.data ?? []), [units.data]);
  return { ...units, options };
}

export const unitQuery = (unitId: string) => ({
  queryKey: orgKeys.unit(unitId),
  queryFn: () => get<UnitDetail>(`/api/units/${unitId}`),
});

export const useUnit = (unitId: string, enabled = true) =>
  useQuery({ ...unitQuery(unitId), enabled: enabled && Boolean(unitId) });

export const useActors = (enabled = true) =>
  useQuery({ queryKey: orgKeys.actors, queryFn: () => get<ExternalActor[]>("/api/actors"), enabled });
