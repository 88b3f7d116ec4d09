// Importing an inventory kept in Excel: the whole file is checked first, every bad line named,
// and nothing is saved until the person has seen what will change and says so.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { importView } from "../../../server/inventory/schemas.ts";
import { ApiError, post } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { useFormat } from "../../format.ts";
import { CaptionedTable, EmptyState, ErrorMessage, Page, SuccessMessage } from "../../ui.tsx";
import { CsvFileField, CsvFormatHelp, LineErrors } from "../../upload.tsx";
import type { Wire } from "../../wire.ts";
import { InventoryNav, useInventoryRights } from "./common.tsx";
import { inventoryKeys } from "./keys.ts";

type ImportResult = Wire<typeof importView>;
type BadLine = { line?: number; message: string };

/** The bad lines of a refused file: the server sends the first ones and how many there are. */
function badLines(error: unknown): { lines: BadLine[]; total: number } | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.details) return null;
  const details = error.details as { errors?: BadLine[]; total?: number };
  const lines = details.errors ?? [];
  if (!lines.some((line) => typeof line.line === "number")) return null;
  return { lines, total: details.total ?? lines.length };
}

export function InventoryImportPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { canManage } = useInventoryRights(me);
  const format = useFormat();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState("");
  const preview = useMutation({
    mutationFn: () => post<ImportResult>("/api/inventory/import", { csv }),
  });
  const commit = useMutation({
    mutationFn: () => post<ImportResult>("/api/inventory/import", { csv, commit: true }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
  const errors = badLines(preview.error) ?? badLines(commit.error);
  const shown = commit.data ?? preview.data;

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
              rules={t("inventory.import.formatRules")}
            />
            <form
              className="form card"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                commit.reset();
                preview.mutate();
              }}
            >
              <h2>{t("inventory.import.step1")}</h2>
              <CsvFileField
                label={t("inventory.import.file")}
                hint={t("inventory.import.fileHint")}
                onChoose={(file) => {
                  preview.reset();
                  commit.reset();
                  setFileName(file?.name ?? "");
                }}
                onText={setCsv}
              />
              <button type="submit" className="button primary" disabled={!csv || preview.isPending}>
                {preview.isPending ? t("inventory.import.checking") : t("inventory.import.preview")}
              </button>
            </form>

            {errors ? (
              <LineErrors
                message={
                  (preview.error ?? commit.error) instanceof ApiError
                    ? ((preview.error ?? commit.error) as ApiError).message
                    : t("inventory.import.refused")
                }
                lines={errors.lines.map((line) => ({
                  at: t("inventory.import.lineAt", { line: line.line }),
                  message: line.message,
                }))}
                total={errors.total}
                more={(count) => t("inventory.import.moreErrors", { count })}
              />
            ) : (
              <ErrorMessage
                error={preview.error ?? commit.error}
                fields={{ csv: t("inventory.import.file") }}
              />
            )}

            {shown ? (
              <section className="card" aria-labelledby="import-preview-heading">
                <h2 id="import-preview-heading">
                  {shown.committed ? t("inventory.import.done") : t("inventory.import.step2")}
                </h2>
                <CaptionedTable
                  caption={
                    shown.committed
                      ? t("inventory.import.resultCaption", { file: fileName })
                      : t("inventory.import.previewCaption", { file: fileName })
                  }
                  className="numbers"
                >
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
                      <td>{format.whole(shown.rows)}</td>
                      <td>{format.whole(shown.new)}</td>
                      <td>{format.whole(shown.changed)}</td>
                      <td>{format.whole(shown.unchanged)}</td>
                    </tr>
                  </tbody>
                </CaptionedTable>
                {shown.committed ? (
                  <SuccessMessage>{t("inventory.import.committed")}</SuccessMessage>
                ) : (
                  <>
                    <p>{t("inventory.import.commitHelp")}</p>
                    <button
                      type="button"
                      className="button primary"
                      disabled={commit.isPending}
                      onClick={() => commit.mutate()}
                    >
                      {t("inventory.import.commit")}
                    </button>
                  </>
                )}
              </section>
            ) : null}
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
