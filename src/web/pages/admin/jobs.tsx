// Background jobs: imports, mail delivery, reminders and the like, with their progress and errors.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { get, query } from "../../api.ts";
import { useFormat } from "../../format.ts";
import type { JobView } from "../../types.ts";
import {
  CaptionedTable,
  EmptyState,
  Page,
  ProgressBar,
  QueryView,
  SelectField,
  StatusBadge,
} from "../../ui.tsx";
import { adminKeys } from "./keys.ts";

const JOB_STATUSES = ["queued", "running", "succeeded", "failed"] as const;

export function JobsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState("");
  const jobs = useQuery({
    queryKey: adminKeys.jobs(status),
    queryFn: () => get<JobView[]>(`/api/jobs${query({ status })}`),
    refetchInterval: 3000,
  });
  return (
    <Page title={t("jobs.title")} intro={t("jobs.intro")}>
      <div className="toolbar">
        <SelectField
          label={t("common.status")}
          value={status}
          onChange={setStatus}
          placeholder={t("jobs.all")}
          allowEmpty
          options={JOB_STATUSES.map((s) => [s, t(`status.${s}`)])}
        />
      </div>
      <QueryView query={jobs}>
        {(data) =>
          data.length ? (
            <CaptionedTable caption={t("jobs.title")} showTitle={false}>
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
                {data.map((job) => (
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
                    <td className="nowrap">{format.moment(job.finishedAt ?? job.createdAt)}</td>
                    <td>{job.lastError ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </CaptionedTable>
          ) : (
            <EmptyState title={t("jobs.empty")}>{t("jobs.emptyHelp")}</EmptyState>
          )
        }
      </QueryView>
    </Page>
  );
}
