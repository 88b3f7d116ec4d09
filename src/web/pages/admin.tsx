import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { get, query } from "../api.ts";
import { formatDateTime } from "../i18n.ts";
import type { JobView } from "../types.ts";
import {
  EmptyState,
  ErrorMessage,
  Field,
  Loading,
  Page,
  ProgressBar,
  StatusBadge,
  TableWrap,
} from "../ui.tsx";

type AuditItem = {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  targetType: string;
  summary: string;
};
const AUDIT_PAGE = 100;

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const filters = {
    q: q.trim(),
    from: from || undefined,
    to: to ? `${to}T23:59:59` : undefined,
    limit: AUDIT_PAGE,
  };
  const audit = useInfiniteQuery({
    queryKey: ["audit", filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      get<{ items: AuditItem[] }>(`/api/admin/audit${query({ ...filters, beforeId: pageParam })}`),
    getNextPageParam: (last) =>
      last.items.length === AUDIT_PAGE ? last.items[last.items.length - 1].id : undefined,
  });
  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Page title={t("audit.title")} intro={t("audit.intro")}>
      <div className="toolbar" role="search">
        <Field label={t("audit.search")} hint={t("audit.searchHint")}>
          {(props) => <input {...props} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
        </Field>
        <Field label={t("audit.from")}>
          {(props) => <input {...props} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label={t("audit.to")}>
          {(props) => <input {...props} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
      </div>
      <ErrorMessage error={audit.error} />
      {audit.isPending ? <Loading /> : null}
      {audit.data && !items.length ? <EmptyState title={t("audit.empty")} /> : null}
      {items.length ? (
        <TableWrap label={t("audit.title")}>
          <table>
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
                  <td className="nowrap">{formatDateTime(item.at, i18n.language)}</td>
                  <td>{item.actorName ?? t("audit.system")}</td>
                  <td>
                    <code>{item.action}</code>
                  </td>
                  <td>{item.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
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
    </Page>
  );
}

type OutboxItem = {
  id: number;
  toAddress: string;
  subject: string;
  bodyText: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
};

/** Links in a mail are clickable here: that is how invitations reach people when no mail server is set up. */
function MailBody({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <p className="mail-body">
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed text
        <Fragment key={index}>{/^https?:\/\//.test(part) ? <a href={part}>{part}</a> : part}</Fragment>
      ))}
    </p>
  );
}

export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const outbox = useQuery({
    queryKey: ["outbox"],
    queryFn: () => get<{ mode: "smtp" | "outbox"; items: OutboxItem[] }>("/api/admin/outbox"),
  });
  return (
    <Page title={t("outbox.title")}>
      {outbox.data ? (
        <div className="notice notice-info">
          <p>{outbox.data.mode === "outbox" ? t("outbox.keptMode") : t("outbox.smtpMode")}</p>
        </div>
      ) : null}
      <ErrorMessage error={outbox.error} />
      {outbox.isPending ? <Loading /> : null}
      {outbox.data && !outbox.data.items.length ? (
        <EmptyState title={t("outbox.empty")}>{t("outbox.emptyHelp")}</EmptyState>
      ) : null}
      <ul className="plain-list">
        {outbox.data?.items.map((item) => (
          <li key={item.id} className="card">
            <details>
              <summary>
                <strong>{item.subject}</strong> — {item.toAddress} ·{" "}
                {formatDateTime(item.createdAt, i18n.language)} <StatusBadge status={item.status} />
              </summary>
              <MailBody text={item.bodyText} />
              {item.lastError ? <p className="field-error">{item.lastError}</p> : null}
            </details>
          </li>
        ))}
      </ul>
    </Page>
  );
}

export function JobsPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState("");
  const jobs = useQuery({
    queryKey: ["jobs", status],
    queryFn: () => get<JobView[]>(`/api/jobs${query({ status })}`),
    refetchInterval: 3000,
  });
  return (
    <Page title={t("jobs.title")} intro={t("jobs.intro")}>
      <div className="toolbar">
        <Field label={t("common.status")}>
          {(props) => (
            <select {...props} value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t("jobs.all")}</option>
              {["queued", "running", "succeeded", "failed"].map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorMessage error={jobs.error} />
      {jobs.isPending ? <Loading /> : null}
      {jobs.data && !jobs.data.length ? (
        <EmptyState title={t("jobs.empty")}>{t("jobs.emptyHelp")}</EmptyState>
      ) : null}
      {jobs.data?.length ? (
        <TableWrap label={t("jobs.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("jobs.kind")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("jobs.progress")}</th>
                <th scope="col">{t("jobs.attempts")}</th>
                <th scope="col">{t("common.when")}</th>
                <th scope="col">{t("jobs.error")}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.map((job) => (
                <tr key={job.id}>
                  <td>{t(`jobs.kinds.${job.kind}`, { defaultValue: job.kind })}</td>
                  <td>
                    <StatusBadge status={job.status} />
                  </td>
                  <td>
                    {job.progressTotal > 0 ? (
                      <ProgressBar
                        label={t("jobs.progressOf", { id: job.id })}
                        value={job.progress}
                        max={job.progressTotal}
                      />
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    {job.attempts}/{job.maxAttempts}
                  </td>
                  <td className="nowrap">{formatDateTime(job.finishedAt ?? job.createdAt, i18n.language)}</td>
                  <td>{job.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </Page>
  );
}
