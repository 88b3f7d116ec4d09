// "Väntar på oss": the upward requests the signed-in person's level must answer, oldest first, with
// their age and whether they are overdue, answered on the spot. The chain's duty to answer made visible.
// The server sends a page at a time with the whole list's counts; more pages load on request.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { get, query } from "../../api.ts";
import { useFormat } from "../../format.ts";
import { EmptyState, Page, QueryView, SuccessMessage } from "../../ui.tsx";
import { ActionCard } from "./actions.tsx";
import { FollowupNav, followupKeys } from "./common.tsx";
import type { ActionState, ActionsPage } from "./types.ts";

/** Requests per page: enough to work through, few enough to answer quickly on a phone. */
const PAGE = 50;

export function WaitingPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [answered, setAnswered] = useState<{ title: string; to: ActionState; unit: string } | null>(null);
  const waiting = useInfiniteQuery({
    queryKey: followupKeys.waiting,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<ActionsPage>(`/api/followup/actions${query({ waiting: "true", limit: PAGE, after: pageParam })}`),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const pages = waiting.data?.pages ?? [];
  const list = pages.flatMap((page) => page.items);
  const { total = 0, overdue = 0 } = pages[0] ?? {};
  // Oldest first: the first request has waited longest.
  const oldest = list[0]?.ageDays ?? 0;
  // After "show more", focus moves to the first request that arrived, so keyboard and screen-reader
  // users go on where the list grew.
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const arrived = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focusAt !== null && list.length > focusAt) {
      arrived.current?.focus();
      setFocusAt(null);
    }
  }, [focusAt, list.length]);

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
                  {t("followup.waiting.summary", { count: total, oldest: format.days(oldest) })}{" "}
                  {overdue
                    ? t("followup.waiting.overdue", { count: overdue })
                    : t("followup.waiting.noneOverdue")}
                </p>
                <ul className="fu-cards">
                  {list.map((action, index) => (
                    <li
                      key={action.id}
                      ref={index === focusAt ? arrived : undefined}
                      tabIndex={index === focusAt ? -1 : undefined}
                    >
                      <ActionCard
                        action={action}
                        heading="h2"
                        showUnit
                        onMoved={(moved, to) => setAnswered({ title: moved.title, to, unit: moved.unitName })}
                      />
                    </li>
                  ))}
                </ul>
                <p className="muted" aria-live="polite">
                  {t("followup.waiting.shown", { shown: format.whole(list.length), count: total })}
                </p>
                {waiting.hasNextPage ? (
                  <button
                    type="button"
                    className="button"
                    disabled={waiting.isFetchingNextPage}
                    onClick={() => {
                      setFocusAt(list.length);
                      void waiting.fetchNextPage();
                    }}
                  >
                    {t("followup.waiting.more", { count: Math.min(PAGE, total - list.length) })}
                  </button>
                ) : null}
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
