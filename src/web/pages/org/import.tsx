// The HR import: two CSV files checked line by line, a preview of what would change, then the import
// as a job whose progress is shown, and the earlier imports.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, get, type LineError, post } from "../../api.ts";
import { useFormat } from "../../format.ts";
import type { Counts, ImportPreview, ImportStatus } from "../../types.ts";
import {
  ArrivingHeading,
  CaptionedTable,
  Checkbox,
  EmptyState,
  ErrorMessage,
  Page,
  StatusBadge,
} from "../../ui.tsx";
import { CsvFileField, CsvFormatHelp, ImportProgress, LineErrors, useFollowedImport } from "../../upload.tsx";
import { orgKeys } from "./queries.ts";

type Upload = { id: string; preview: ImportPreview };

export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unitsCsv, setUnitsCsv] = useState("");
  const [peopleCsv, setPeopleCsv] = useState("");
  const [fullImport, setFullImport] = useState(false);
  const [jobImportId, setJobImportId] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: () =>
      post<Upload>("/api/org/imports", {
        unitsCsv: unitsCsv || null,
        peopleCsv: peopleCsv || null,
        fullImport,
      }),
    onMutate: () => setJobImportId(null),
  });
  const commit = useMutation({
    mutationFn: (id: string) => post<{ jobId: number }>(`/api/org/imports/${id}/commit`),
    onSuccess: (_, id) => {
      setJobImportId(id);
      void queryClient.invalidateQueries({ queryKey: orgKeys.imports });
    },
  });
  const lineErrors =
    upload.error instanceof ApiError && upload.error.code === "import_invalid"
      ? (upload.error.details as { errors: LineError[]; total: number })
      : null;

  return (
    <Page title={t("import.title")} intro={t("import.intro")}>
      <CsvFormatHelp
        heading={t("import.formatHeading")}
        intro={t("import.formatIntro")}
        examples={[
          {
            label: t("import.unitsExample"),
            text: "kod;namn;överordnad_kod;typ\nBUN;Barn- och utbildningsnämnden;;nämnd\nUF;Utbildningsförvaltningen;BUN;förvaltning\nGR-EK;Ekbackens skola;UF;enhet",
          },
          {
            label: t("import.peopleExample"),
            text: "anställningsnummer;namn;e-post;enhetskod;roll\n10001;Karin Lindqvist;karin.lindqvist@kommun.se;GR-EK;chef\n10002;Johan Ekström;johan.ekstrom@kommun.se;GR-EK;medarbetare",
          },
        ]}
        rules={t("import.formatRules")}
      />

      <form
        className="form card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          upload.mutate();
        }}
      >
        <h2>{t("import.step1")}</h2>
        <CsvFileField label={t("import.unitsFile")} hint={t("import.unitsHint")} onText={setUnitsCsv} />
        <CsvFileField label={t("import.peopleFile")} hint={t("import.peopleHint")} onText={setPeopleCsv} />
        <Checkbox
          label={t("import.full")}
          hint={t("import.fullHelp")}
          checked={fullImport}
          onChange={setFullImport}
        />
        <button
          type="submit"
          className="button primary"
          disabled={upload.isPending || (!unitsCsv && !peopleCsv)}
        >
          {upload.isPending ? t("import.checking") : t("import.preview")}
        </button>
      </form>

      {lineErrors ? (
        <LineErrors
          message={(upload.error as ApiError).message}
          lines={lineErrors.errors.map((error) => ({
            at: t("import.errorAt", { file: t(`import.file.${error.file}`), line: error.line }),
            message: error.message,
          }))}
          total={lineErrors.total}
          more={(count) => t("import.moreErrors", { count })}
        />
      ) : null}
      {upload.error && !lineErrors ? (
        <ErrorMessage
          error={upload.error}
          fields={{
            unitsCsv: t("import.unitsFile"),
            peopleCsv: t("import.peopleFile"),
            fullImport: t("import.full"),
          }}
        />
      ) : null}

      {upload.data && !jobImportId ? (
        <section className="card" aria-labelledby="preview-heading">
          <ArrivingHeading id="preview-heading">{t("import.step2")}</ArrivingHeading>
          <PreviewTable preview={upload.data.preview} />
          <ErrorMessage error={commit.error} />
          <button
            type="button"
            className="button primary"
            disabled={commit.isPending}
            onClick={() => commit.mutate(upload.data.id)}
          >
            {t("import.run")}
          </button>
        </section>
      ) : null}

      {jobImportId ? <ImportProgressCard id={jobImportId} /> : null}
      <ImportHistory />
    </Page>
  );
}

function PreviewTable({ preview, caption }: { preview: ImportPreview; caption?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const row = (label: string, counts: Counts) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{format.whole(counts.new)}</td>
      <td>{format.whole(counts.changed)}</td>
      <td>{format.whole(counts.unchanged)}</td>
      <td>{format.whole(counts.deactivated)}</td>
    </tr>
  );
  return (
    <CaptionedTable
      caption={caption ?? t("import.previewCaption")}
      className="numbers"
      note={t("import.memberships", {
        added: format.whole(preview.memberships.new),
        ended: format.whole(preview.memberships.ended),
      })}
    >
      <thead>
        <tr>
          <td />
          <th scope="col">{t("import.new")}</th>
          <th scope="col">{t("import.changed")}</th>
          <th scope="col">{t("import.unchanged")}</th>
          <th scope="col">{t("import.deactivated")}</th>
        </tr>
      </thead>
      <tbody>
        {row(t("import.units"), preview.units)}
        {row(t("import.people"), preview.people)}
      </tbody>
    </CaptionedTable>
  );
}

/** Follows a running import every second until it is done. */
function ImportProgressCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data, done, failed } = useFollowedImport<ImportStatus>(
    orgKeys.import(id),
    `/api/org/imports/${id}`,
  );
  const job = data?.job;
  return (
    <ImportProgress
      heading={t("import.step3")}
      label={t("import.progressLabel")}
      followed={data}
      done={done}
      text={
        done
          ? t("import.done")
          : failed
            ? t("import.failed", { error: job?.lastError ?? "" })
            : t(`import.phase.${job?.progressLabel ?? "queued"}`, { defaultValue: t("import.phase.queued") })
      }
    >
      {done && data?.result ? (
        <PreviewTable preview={data.result as ImportPreview} caption={t("import.resultCaption")} />
      ) : null}
    </ImportProgress>
  );
}

function ImportHistory() {
  const { t } = useTranslation();
  const format = useFormat();
  const imports = useQuery({
    queryKey: orgKeys.imports,
    queryFn: () => get<ImportStatus[]>("/api/org/imports"),
  });
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t("import.history")}</h2>
      {imports.data && !imports.data.length ? <EmptyState title={t("import.noHistory")} /> : null}
      {imports.data?.length ? (
        <CaptionedTable caption={t("import.history")} showTitle={false}>
          <thead>
            <tr>
              <th scope="col">{t("common.when")}</th>
              <th scope="col">{t("common.status")}</th>
              <th scope="col">{t("import.kind")}</th>
              <th scope="col">{t("import.units")}</th>
              <th scope="col">{t("import.people")}</th>
            </tr>
          </thead>
          <tbody>
            {imports.data.map((item) => (
              <tr key={item.id}>
                <td>{format.moment(item.createdAt)}</td>
                <td>
                  <StatusBadge status={item.status} />
                </td>
                <td>{item.fullImport ? t("import.fullShort") : t("import.partialShort")}</td>
                <td>{item.preview ? t("import.summary", item.preview.units) : "—"}</td>
                <td>{item.preview ? t("import.summary", item.preview.people) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </CaptionedTable>
      ) : null}
    </section>
  );
}
