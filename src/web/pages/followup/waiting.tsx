// "Väntar på oss": the upward requests the signed-in person's level must answer, oldest first, with
// their age and whether they are overdue, answered on the spot. The chain's duty to answer made visible.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { get } from "../../api.ts";
import { useFormat } from "../../format.ts";
import { EmptyState, Page, QueryView, SuccessMessage } from "../../ui.tsx";
import { ActionCard } from "./actions.tsx";
import { FollowupNav, followupKeys } from "./common.tsx";
import type { Action, ActionState } from "./types.ts";

export function WaitingPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [answered, setAnswered] = useState<{ title: string; to: ActionState; unit: string } | null>(null);
  const waiting = useQuery({
    queryKey: followupKeys.waiting,
    queryFn: () => get<Action[]>("/api/followup/actions?waiting=true"),
  });
  const list = waiting.data ?? [];
  const overdue = list.filter((action) => action.overdue).length;
  const oldest = list.reduce((max, action) => Math.max(max, action.ageDays), 0);

  return (
    <>
      <FollowupNav />
      <Page title={t("followup.waiting.title")} intro={t("followup.waiting.intro")}>
        {answered ? (
          <SuccessMessage>
            {t(`followup.waiting.answered.${answered.to === "declined" ? "declined" : "accepted"}`, {
              title: answered.title,
              unit: answered.unit,
            })}
          </SuccessMessage>
        ) : null}
        <QueryView query={waiting}>
          {() =>
            list.length ? (
              <>
                <p className="fu-summary" aria-live="polite">
                  {t("followup.waiting.summary", { count: list.length, oldest: format.days(oldest) })}{" "}
                  {overdue
                    ? t("followup.waiting.overdue", { count: overdue })
                    : t("followup.waiting.noneOverdue")}
                </p>
                <ul className="fu-cards">
                  {list.map((action) => (
                    <li key={action.id}>
                      <ActionCard
                        action={action}
                        heading="h2"
                        showUnit
                        onMoved={(moved, to) => setAnswered({ title: moved.title, to, unit: moved.unitName })}
                      />
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <EmptyState title={t("followup.waiting.emptyTitle")}>
                {t("followup.waiting.emptyHelp")}
              </EmptyState>
            )
          }
        </QueryView>
      </Page>
    </>
  );
}
