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
  unit: (unitId: string) => ["unit", unitId] as const,
  people: (filter: PeopleFilter) => ["people", filter] as const,
  person: (personId: string) => ["person", personId] as const,
  actors: ["actors"] as const,
  imports: ["imports"] as const,
  import: (importId: string) => ["import", importId] as const,
};

export const useUnits = () =>
  useQuery({ queryKey: orgKeys.units, queryFn: () => get<UnitListItem[]>("/api/units") });

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
