// The audit log: every change in Tillit — who, when and what, in words and in the reader's language —
// filtered by what happened, by text and by dates, a hundred at a time.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { get, query } from "../../api.ts";
import { useFormat } from "../../format.ts";
import type { AuditPage as AuditAnswer } from "../../types.ts";
import { CaptionedTable, EmptyState, Page, QueryView, SelectField, TextField } from "../../ui.tsx";
import { adminKeys } from "./keys.ts";

const AUDIT_PAGE = 100;

export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [action, setAction] = useState("");
  const [q, setQ] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const filters = {
    action: action || undefined,
    q: q.trim(),
    from: from || undefined,
    to: to ? `${to}T23:59:59` : undefined,
    limit: AUDIT_PAGE,
  };
  const audit = useInfiniteQuery({
    queryKey: adminKeys.audit(filters),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      get<AuditAnswer>(`/api/admin/audit${query({ ...filters, beforeId: pageParam })}`),
    getNextPageParam: (last) =>
      last.items.length === AUDIT_PAGE ? last.items[last.items.length - 1].id : undefined,
  });
  // Every action the modules know, in words, so nobody has to know a code to filter by it.
  const actions = audit.data?.pages[0]?.actions ?? [];
  return (
    <Page title={t("audit.title")} intro={t("audit.intro")}>
      <div className="toolbar" role="search">
        <SelectField
          label={t("audit.action")}
          value={action}
          onChange={setAction}
          placeholder={t("audit.allActions")}
          allowEmpty
          options={actions.map((known) => [known.action, known.label])}
        />
        <TextField
          label={t("audit.search")}
          hint={t("audit.searchHint")}
          type="search"
          value={q}
          onChange={setQ}
        />
        <TextField label={t("audit.from")} type="date" value={from} onChange={setFrom} />
        <TextField label={t("audit.to")} type="date" value={to} onChange={setTo} />
      </div>
      <QueryView query={audit}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          if (!items.length) return <EmptyState title={t("audit.empty")} />;
          return (
            <>
              <CaptionedTable caption={t("audit.title")} showTitle={false}>
                <thead>
                  <tr>
                    <th scope="col">{t("common.when")}</th>
                    <th scope="col">{t("audit.who")}</th>
                    <th scope="col">{t("audit.action")}</th>
                    <th scope="col">{t("audit.what")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.id}>
                      <td className="nowrap">{format.moment(item.at)}</td>
                      <td>{item.actorName ?? t("audit.system")}</td>
                      <td>{item.actionLabel}</td>
                      <td>{item.summary}</td>
                    </tr>
                  ))}
                </tbody>
              </CaptionedTable>
              {audit.hasNextPage ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => audit.fetchNextPage()}
                  disabled={audit.isFetchingNextPage}
                >
                  {t("common.loadMore")}
                </button>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}
