// Small shared building blocks; each one carries its accessibility wiring so pages cannot forget it.
import { type InputHTMLAttributes, type ReactNode, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "./api.ts";

/** A page: sets the document title and moves focus to the heading, so screen readers hear where they are. */
let firstPageShown = false;

export function Page({ title, children, intro }: { title: string; children: ReactNode; intro?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Tillit`;
    // On the first page focus stays at the top, so the skip link comes first; after that every
    // navigation lands on the new page's heading.
    if (firstPageShown) heading.current?.focus();
    firstPageShown = true;
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {intro ? <p className="intro">{intro}</p> : null}
      {children}
    </>
  );
}

type FieldProps = {
  label: string;
  hint?: string;
  error?: string | null;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
};

/** A labelled form control with its hint and error tied to it by aria-describedby. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {error ? (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** An error from the server or the network, announced as it appears. */
export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t("common.unexpectedError");
  const issues =
    error instanceof ApiError && Array.isArray(error.details)
      ? (error.details as { message?: string }[])
      : [];
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <p>{message}</p>
      {issues.length > 1 ? (
        <ul>
          {issues.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole
            <li key={index}>{issue.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t("common.loading")}
    </p>
  );
}

/** What to do when there is nothing to show yet. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children ? <p>{children}</p> : null}
    </div>
  );
}

/** Progress with its numbers for assistive technology. */
export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent} %`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-text">{percent} %</span>
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}

/** A unit's kind as people say it: a custom label wins over the standard word. */
export function useKindLabel() {
  const { t } = useTranslation();
  return (unit: { kind: string; kindLabel: string | null }) => unit.kindLabel ?? t(`kinds.${unit.kind}`);
}

/** A table that may scroll sideways on small screens; keyboard users can focus and scroll it. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "id"> & {
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  onChange: (value: string) => void;
};

/** The common case of `Field`: one labelled input holding a string. */
export function TextField({ label, hint, error, value, onChange, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => (
        <input {...props} {...input} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}

/** A new password typed twice; `mismatch` is shown on the second field. */
export function NewPasswordFields(props: {
  password: string;
  setPassword: (value: string) => void;
  repeat: string;
  setRepeat: (value: string) => void;
  mismatch: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("fields.newPassword")}
        hint={t("fields.passwordHint")}
        type="password"
        autoComplete="new-password"
        required
        value={props.password}
        onChange={props.setPassword}
      />
      <TextField
        label={t("fields.repeatPassword")}
        error={props.mismatch ? t("fields.passwordMismatch") : null}
        type="password"
        autoComplete="new-password"
        required
        value={props.repeat}
        onChange={props.setRepeat}
      />
    </>
  );
}
