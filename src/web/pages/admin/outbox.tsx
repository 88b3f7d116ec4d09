// The mail outbox: every message Tillit has written, sent or kept. One-time links (invitations,
// password resets) are never in it: the server sends them, or logs them for the operator, only.
import { useQuery } from "@tanstack/react-query";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { get } from "../../api.ts";
import { useFormat } from "../../format.ts";
import type { OutboxPage as Outbox } from "../../types.ts";
import { EmptyState, Page, QueryView, StatusBadge } from "../../ui.tsx";
import { adminKeys } from "./keys.ts";

/** Links in a mail (to a round, a request) are clickable; one-time account links are not among them. */
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
  const { t } = useTranslation();
  const format = useFormat();
  const outbox = useQuery({
    queryKey: adminKeys.outbox,
    queryFn: () => get<Outbox>("/api/admin/outbox"),
  });
  return (
    <Page title={t("outbox.title")}>
      <QueryView query={outbox}>
        {(data) => (
          <>
            <div className="notice notice-info">
              <p>{data.mode === "outbox" ? t("outbox.keptMode") : t("outbox.smtpMode")}</p>
            </div>
            {data.items.length ? null : (
              <EmptyState title={t("outbox.empty")}>{t("outbox.emptyHelp")}</EmptyState>
            )}
            <ul className="plain-list">
              {data.items.map((item) => (
                <li key={item.id} className="card">
                  <details>
                    <summary>
                      <strong>{item.subject}</strong> — {item.toAddress} · {format.moment(item.createdAt)}{" "}
                      <StatusBadge status={item.status} />
                    </summary>
                    <MailBody text={item.bodyText} />
                    {item.lastError ? <p className="field-error">{item.lastError}</p> : null}
                  </details>
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryView>
    </Page>
  );
}
