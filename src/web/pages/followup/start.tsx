// The follow-up module's start: the person's own units with a way into each one's follow-up, what
// waits on their level, and the four elements the cycle is built on.
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { get } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { EmptyState, Page } from "../../ui.tsx";
import { answersRequests, FollowupNav, followupKeys, UnitPicker } from "./common.tsx";
import type { ActionsPage } from "./types.ts";

export function FollowupStartPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const answers = answersRequests(me);
  const waiting = useQuery({
    queryKey: followupKeys.waitingCount,
    // The counts come with any page; one item is the smallest.
    queryFn: () => get<ActionsPage>("/api/followup/actions?waiting=true&limit=1"),
    enabled: answers,
  });
  if (!me) return null;
  const units = [...new Map(me.roles.map((role) => [role.unitId, role])).values()];
  const overdue = waiting.data?.overdue ?? 0;

  return (
    <>
      <FollowupNav />
      <Page title={t("followup.start.title")} intro={t("followup.start.intro")}>
        {answers && waiting.data?.total ? (
          <div className="notice notice-info fu-waiting-notice">
            <p>
              {t("followup.start.waiting", { count: waiting.data.total })}
              {overdue ? ` ${t("followup.start.overdue", { count: overdue })}` : ""}
            </p>
            <p>
              <Link to="/uppfoljning/vantar-pa-oss">{t("followup.start.waitingLink")}</Link>
            </p>
          </div>
        ) : null}

        <section aria-labelledby="my-units-heading">
          <h2 id="my-units-heading">{t("followup.start.myUnits")}</h2>
          {units.length ? (
            <ul className="card-grid">
              {units.map((role) => (
                <li key={role.unitId} className="card">
                  <p className="eyebrow">
                    {me.roles
                      .filter((r) => r.unitId === role.unitId)
                      .map((r) => t(`roles.${r.role}`))
                      .join(", ")}
                  </p>
                  <h3 className="fu-unit-card-title">
                    <Link to="/uppfoljning/enhet/$unitId" params={{ unitId: role.unitId }}>
                      {t("followup.start.unitLink", { unit: role.unitName })}
                    </Link>
                  </h3>
                  <p className="muted">{t(`followup.start.roleHelp.${role.role}`)}</p>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title={t("followup.start.noUnits")}>{t("followup.start.noUnitsHelp")}</EmptyState>
          )}
        </section>

        <section aria-labelledby="other-unit-heading">
          <h2 id="other-unit-heading">{t("followup.start.otherUnit")}</h2>
          <form
            className="toolbar fu-open-unit"
            onSubmit={(event) => {
              event.preventDefault();
              if (chosen) void navigate({ to: "/uppfoljning/enhet/$unitId", params: { unitId: chosen } });
            }}
          >
            <UnitPicker
              label={t("followup.start.pickUnit")}
              hint={t("followup.start.pickUnitHint")}
              allLabel={t("followup.start.chooseUnit")}
              value={chosen}
              onChange={setChosen}
            />
            <button type="submit" className="button" disabled={!chosen}>
              {t("followup.start.open")}
            </button>
          </form>
        </section>

        <section aria-labelledby="elements-heading" className="card about">
          <h2 id="elements-heading">{t("followup.start.elementsHeading")}</h2>
          <ol className="fu-elements">
            <li>{t("followup.start.element1")}</li>
            <li>{t("followup.start.element2")}</li>
            <li>{t("followup.start.element3")}</li>
            <li>{t("followup.start.element4")}</li>
          </ol>
          <p>{t("followup.start.elementsNote")}</p>
        </section>
      </Page>
    </>
  );
}
