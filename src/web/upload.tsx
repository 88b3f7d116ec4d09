// The parts of a CSV import page that every import shares: how the file should look, choosing it
// (read as text in the browser: the server gets the text, never a path), the bad lines of a file
// the server refused, each named by where it stands, and a committed import followed while its job
// runs.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId } from "react";
import { get } from "./api.ts";
import { ArrivingHeading, Field, ProgressBar } from "./ui.tsx";

/** The file's format, folded away until asked for: examples scroll sideways on small screens. */
export function CsvFormatHelp({
  heading,
  intro,
  examples,
  rules,
}: {
  heading: string;
  intro: string;
  /** Each example's name (the scrolling region's label) and its lines. */
  examples: readonly { label: string; text: string }[];
  rules: string;
}) {
  return (
    <details className="card">
      <summary>{heading}</summary>
      <p>{intro}</p>
      {examples.map((example) => (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <pre key={example.label} className="code" role="region" aria-label={example.label} tabIndex={0}>
          {example.text}
        </pre>
      ))}
      <p>{rules}</p>
    </details>
  );
}

/**
 * A labelled file input for a CSV file. `onChoose` hears of the choice at once (to clear an earlier
 * preview), `onText` gets the file's text once read — "" when the choice was taken away.
 */
export function CsvFileField({
  label,
  hint,
  onChoose,
  onText,
}: {
  label: string;
  hint?: string;
  onChoose?: (file: File | undefined) => void;
  onText: (text: string) => void;
}) {
  return (
    <Field label={label} hint={hint}>
      {(props) => (
        <input
          {...props}
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(event) => {
            const file = event.target.files?.[0];
            onChoose?.(file);
            if (!file) return onText("");
            void file.text().then(onText);
          }}
        />
      )}
    </Field>
  );
}

/** A refused file's bad lines, announced: the server's message, each line where it stands, and how many more. */
export function LineErrors({
  message,
  lines,
  total,
  more,
}: {
  message: string;
  /** Where the line stands ("Line 4:") and what is wrong with it. */
  lines: readonly { at: string; message: string }[];
  /** How many errors the server found; it lists only the first. */
  total: number;
  /** "… and 3 more errors", in the page's words. */
  more: (count: number) => string;
}) {
  const id = useId();
  return (
    <section className="notice notice-error" role="alert" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{message}</h2>
      <ul className="line-errors">
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole
          <li key={index}>
            <strong>{line.at}</strong> {line.message}
          </li>
        ))}
      </ul>
      {total > lines.length ? <p>{more(total - lines.length)}</p> : null}
    </section>
  );
}

/** What the import routes answer about a committed import: its status and its job's progress. */
export type FollowedImport = {
  status: string;
  job?: {
    progress: number;
    progressTotal: number | null;
    progressLabel: string | null;
    lastError: string | null;
  } | null;
};

/**
 * Follows a committed import every second until it has succeeded or failed. Then everything else
 * the app has loaded is refreshed (the import changed it); the import's own answer is final.
 */
export function useFollowedImport<T extends FollowedImport>(
  queryKey: readonly [string, ...string[]],
  url: string,
) {
  const queryClient = useQueryClient();
  const followed = useQuery({
    queryKey,
    queryFn: () => get<T>(url),
    refetchInterval: (query) =>
      ["succeeded", "failed"].includes(query.state.data?.status ?? "") ? false : 1000,
  });
  const done = followed.data?.status === "succeeded";
  const failed = followed.data?.status === "failed";
  const [own] = queryKey;
  useEffect(() => {
    if (done || failed)
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== own });
  }, [done, failed, queryClient, own]);
  return { data: followed.data, done, failed };
}

/** A committed import while its job runs: a labelled bar, a status line read out as it changes, and what follows when done. */
export function ImportProgress({
  heading,
  label,
  followed,
  done,
  text,
  children,
}: {
  heading: string;
  /** The progress bar's name. */
  label: string;
  followed: FollowedImport | undefined;
  done: boolean;
  /** The phase while it runs, the outcome once it has ended. */
  text: string;
  children?: ReactNode;
}) {
  const id = useId();
  const job = followed?.job;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <ArrivingHeading id={`${id}-heading`}>{heading}</ArrivingHeading>
      <ProgressBar
        label={label}
        value={done ? 1 : (job?.progress ?? 0)}
        max={done ? 1 : (job?.progressTotal ?? 0)}
      />
      <p role="status">{text}</p>
      {children}
    </section>
  );
}
