// Importing an inventory kept in Excel: the whole file is checked first, every bad line named,
// and nothing is saved until the person has seen what will change and says so; then the import runs
// as a job whose progress the page follows, as the HR import does.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { inventoryImportDetail, preparedInventoryImport } from "../../../server/inventory/schemas.ts";
import { ApiError, post } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { useFormat } from "../../format.ts";
import { ArrivingHeading, CaptionedTable, EmptyState, ErrorMessage, Page } from "../../ui.tsx";
import { CsvFileField, CsvFormatHelp, ImportProgress, LineErrors, useFollowedImport } from "../../upload.tsx";
import type { Wire } from "../../wire.ts";
import { InventoryNav, useInventoryRights } from "./common.tsx";

type Prepared = Wire<typeof preparedInventoryImport>;
type Detail = Wire<typeof inventoryImportDetail>;
type Counts = Prepared["preview"];
type BadLine = { line?: number; message: string };

/** The bad lines of a refused file: the server sends the first ones and how many there are. */
function badLines(error: unknown): { lines: BadLine[]; total: number } | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.details) return null;
  return linesOf(error.details);
}

function linesOf(details: unknown): { lines: BadLine[]; total: number } | null {
  const { errors, total } = details as { errors?: BadLine[]; total?: number };
  const lines = errors ?? [];
  if (!lines.some((line) => typeof line.line === "number")) return null;
  return { lines, total: total ?? lines.length };
}

export function InventoryImportPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { canManage } = useInventoryRights(me);
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState("");
  const [committedId, setCommittedId] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: () => post<Prepared>("/api/inventory/imports", { csv }),
    onMutate: () => setCommittedId(null),
  });
  const commit = useMutation({
    mutationFn: (id: string) => post<{ jobId: number }>(`/api/inventory/imports/${id}/commit`),
    onSuccess: (_, id) => setCommittedId(id),
  });
  const errors = badLines(upload.error);

  return (
    <>
      <InventoryNav />
      <Page title={t("inventory.import.title")} intro={t("inventory.import.intro")}>
        {!canManage ? (
          <EmptyState title={t("inventory.import.notAllowed")}>
            {t("inventory.import.notAllowedHelp")}
          </EmptyState>
        ) : (
          <>
            <CsvFormatHelp
              heading={t("inventory.import.formatHeading")}
              intro={t("inventory.import.formatIntro")}
              examples={[{ label: t("inventory.import.example"), text: t("inventory.import.exampleText") }]}
              rules={`${t("inventory.import.formatRules")} ${t("inventory.import.formatValues")}`}
            />
            <form
              className="form card"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                commit.reset();
                upload.mutate();
              }}
            >
              <h2>{t("inventory.import.step1")}</h2>
              <CsvFileField
                label={t("inventory.import.file")}
                hint={t("inventory.import.fileHint")}
                onChoose={(file) => {
                  upload.reset();
                  commit.reset();
                  setCommittedId(null);
                  setFileName(file?.name ?? "");
                }}
                onText={setCsv}
              />
              <button type="submit" className="button primary" disabled={!csv || upload.isPending}>
                {upload.isPending ? t("inventory.import.checking") : t("inventory.import.preview")}
              </button>
            </form>

            {errors ? (
              <LineErrors
                message={
                  upload.error instanceof ApiError ? upload.error.message : t("inventory.import.refused")
                }
                lines={errors.lines.map((line) => ({
                  at: t("inventory.import.lineAt", { line: line.line }),
                  message: line.message,
                }))}
                total={errors.total}
                more={(count) => t("inventory.import.moreErrors", { count })}
              />
            ) : (
              <ErrorMessage error={upload.error} fields={{ csv: t("inventory.import.file") }} />
            )}

            {upload.data && !committedId ? (
              <section className="card" aria-labelledby="import-preview-heading">
                <ArrivingHeading id="import-preview-heading">{t("inventory.import.step2")}</ArrivingHeading>
                <CountsTable
                  counts={upload.data.preview}
                  caption={t("inventory.import.previewCaption", { file: fileName })}
                />
                <p>{t("inventory.import.commitHelp")}</p>
                <ErrorMessage error={commit.error} />
                <button
                  type="button"
                  className="button primary"
                  disabled={commit.isPending}
                  onClick={() => commit.mutate(upload.data.id)}
                >
                  {t("inventory.import.commit")}
                </button>
              </section>
            ) : null}

            {committedId ? <ImportRun id={committedId} fileName={fileName} /> : null}
          </>
        )}
        <section aria-labelledby="inventory-export-heading">
          <h2 id="inventory-export-heading">{t("inventory.export.heading")}</h2>
          <p>
            <a href="/api/inventory/export/register.csv" download>
              {t("inventory.export.register")}
            </a>
          </p>
        </section>
      </Page>
    </>
  );
}

function CountsTable({ counts, caption }: { counts: Counts; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <CaptionedTable caption={caption} className="numbers">
      <thead>
        <tr>
          <th scope="col">{t("inventory.import.rows")}</th>
          <th scope="col">{t("inventory.import.new")}</th>
          <th scope="col">{t("inventory.import.changed")}</th>
          <th scope="col">{t("inventory.import.unchanged")}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>{format.whole(counts.rows)}</td>
          <td>{format.whole(counts.new)}</td>
          <td>{format.whole(counts.changed)}</td>
          <td>{format.whole(counts.unchanged)}</td>
        </tr>
      </tbody>
    </CaptionedTable>
  );
}

/** A committed import followed every second while its job runs, then what it wrote — or why nothing. */
function ImportRun({ id, fileName }: { id: string; fileName: string }) {
  const { t } = useTranslation();
  const { data, done, failed } = useFollowedImport<Detail>(
    ["inventory-import", id],
    `/api/inventory/imports/${id}`,
  );
  const result = data?.result;
  const failedLines = failed && result ? linesOf(result) : null;
  return (
    <ImportProgress
      heading={done ? t("inventory.import.done") : t("inventory.import.step3")}
      label={t("inventory.import.progressLabel")}
      followed={data}
      done={done}
      text={
        done
          ? t("inventory.import.committed")
          : failed
            ? t("inventory.import.failed", { error: failedLines ? "" : (data?.job?.lastError ?? "") })
            : t(`inventory.import.phase.${data?.job?.progressLabel ?? "queued"}`, {
                defaultValue: t("inventory.import.phase.queued"),
              })
      }
    >
      {done && result && "rows" in result ? (
        <CountsTable counts={result} caption={t("inventory.import.resultCaption", { file: fileName })} />
      ) : null}
      {failedLines ? (
        <LineErrors
          message={t("inventory.import.refused")}
          lines={failedLines.lines.map((line) => ({
            at: t("inventory.import.lineAt", { line: line.line }),
            message: line.message,
          }))}
          total={failedLines.total}
          more={(count) => t("inventory.import.moreErrors", { count })}
        />
      ) : null}
    </ImportProgress>
  );
}
