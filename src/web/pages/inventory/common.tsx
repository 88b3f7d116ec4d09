// What the inventory's pages share: the module's own navigation, who may change and decide, the
// flags a demand carries, and the demand's query.
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { get } from "../../api.ts";
import { hasRole, useMe } from "../../auth.ts";
import type { DemandDetail, DemandSummary, Me } from "../../types.ts";
import { SubNav } from "../../ui.tsx";
import { inventoryKeys } from "./keys.ts";

export {
  CONTROL_COMPONENTS,
  DEMAND_KINDS,
  DEMAND_STATUSES,
  PURPOSES,
  TRUST_DIMENSIONS,
  TRUST_POSITIONS,
  USE_KINDS,
} from "../../../server/inventory/model.ts";

/** The analysis questions in the order they are asked. */
export const ANALYSIS_FIELDS = [
  "purposeAndUsers",
  "decisionsInformed",
  "goalDisplacementRisk",
  "discretionEffect",
  "citizenValue",
  "alternatives",
  "staffConsulted",
] as const;

/** Who may change the register and who may decide, as the server's policy says (the server checks again). */
export function useInventoryRights(me: Me | null | undefined) {
  return {
    canManage: hasRole(me, "analyst") || hasRole(me, "admin"),
    canDecide: hasRole(me, "director") || hasRole(me, "politician") || hasRole(me, "admin"),
  };
}

/** The inventory's own pages, shown above each of them. */
export function InventoryNav() {
  const { t } = useTranslation();
  const { canManage } = useInventoryRights(useMe().data);
  const links = [
    { to: "/inventering", label: t("inventory.nav.register") },
    { to: "/inventering/belastning", label: t("inventory.nav.burden") },
    { to: "/inventering/min-enhet", label: t("inventory.nav.myUnit") },
    ...(canManage ? [{ to: "/inventering/import", label: t("inventory.nav.import") }] : []),
  ];
  return <SubNav label={t("inventory.nav.label")} links={links} />;
}

/** "Removal candidate", "duplicate" and the status when it is not the usual one. */
export function DemandBadges({
  demand,
  showStatus = false,
}: {
  demand: DemandSummary;
  showStatus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {showStatus || demand.status !== "active" ? (
        <span className={`badge badge-demand-${demand.status}`}>
          {t(`inventory.statuses.${demand.status}`)}
        </span>
      ) : null}
      {demand.removalCandidate ? (
        <span className="badge badge-flag">{t("inventory.flags.removalShort")}</span>
      ) : null}
      {demand.duplicate ? (
        <span className="badge badge-flag">{t("inventory.flags.duplicateShort")}</span>
      ) : null}
    </>
  );
}

/** A table row's heading for a demand: its title linking to it, its flags, and a note in small print. */
export function DemandTitleCell({ demand, note }: { demand: DemandSummary; note: string }) {
  return (
    <th scope="row">
      <Link to="/inventering/krav/$demandId" params={{ demandId: demand.id }}>
        {demand.title}
      </Link>
      <DemandBadges demand={demand} />
      <span className="cell-note">{note}</span>
    </th>
  );
}

export const demandQuery = (demandId: string) => ({
  queryKey: inventoryKeys.demand(demandId),
  queryFn: () => get<DemandDetail>(`/api/inventory/demands/${demandId}`),
});
