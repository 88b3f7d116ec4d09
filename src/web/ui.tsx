// Small shared building blocks; each one carries its accessibility wiring so pages cannot forget it:
// a field's label, hint, limit and error are tied to its control, an error names fields by their
// labels (never by an API path), and a table that scrolls sideways keeps its caption in view.
import type { UseQueryResult } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useRef,
} from "react";
import { useTranslation } from "react-i18next";
import { ApiError, fieldIssues } from "./api.ts";
import { useFormat } from "./format.ts";

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

/**
 * The heading of a part that appears after the person acted (a preview, an import's progress): it
 * takes focus when it appears, so keyboard and screen-reader users land on what their action gave.
 */
export function ArrivingHeading({ id, children }: { id: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h2 id={id} ref={heading} tabIndex={-1}>
      {children}
    </h2>
  );
}

/** A module's own pages, listed above each of them; the page shown is marked as current. */
export function SubNav({
  label,
  links,
  className,
}: {
  label: string;
  /** Each link's address and words; `exact` unless pages below it count as it too. */
  links: readonly { to: string; label: string; exact?: boolean }[];
  className?: string;
}) {
  return (
    <nav className={className ? `sub-nav ${className}` : "sub-nav"} aria-label={label}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <Link
              to={link.to}
              activeOptions={{ exact: link.exact ?? true }}
              activeProps={{ "aria-current": "page", className: "active" }}
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Where a page stands: the pages above it, each item a `<li>` with its link. */
export function Breadcrumb({ label, children }: { label: string; children: ReactNode }) {
  return (
    <nav aria-label={label} className="breadcrumb">
      <ol>{children}</ol>
    </nav>
  );
}

/** When the server refuses a form, focus moves to the first field it marked, so the message is heard and fixed. */
export function useFocusInvalid(error: unknown) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  return form;
}

/** What a control gets from its `Field`: its id, and what describes it. */
export type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean };

type FieldProps = {
  label: string;
  hint?: string;
  error?: string | null;
  /** The text's length and the server's limit: the limit is said in the hint and counted as the person types. */
  limit?: { length: number; max: number };
  children: (props: ControlProps) => ReactNode;
};

/** A labelled form control with its hint, limit and error tied to it by aria-describedby. */
export function Field({ label, hint, error, limit, children }: FieldProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const hintText = [hint, limit ? t("form.limit", { max: format.whole(limit.max) }) : null]
    .filter(Boolean)
    .join(" ");
  const hintId = hintText ? `${id}-hint` : undefined;
  const counterId = limit ? `${id}-counter` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId, counterId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hintText ? (
        <span className="hint" id={hintId}>
          {hintText}
        </span>
      ) : null}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {limit ? <Counter id={counterId} {...limit} /> : null}
      {error ? (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** "12 / 200 tecken", or how many too many: the person sees the limit before the server refuses. */
export function Counter({ id, length, max }: { id?: string; length: number; max: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const over = length - max;
  return (
    <span className={over > 0 ? "counter counter-over" : "counter"} id={id}>
      {over > 0
        ? t("form.tooMany", { count: over, value: format.whole(over) })
        : t("form.counter", { length: format.whole(length), max: format.whole(max) })}
    </span>
  );
}

/** A text's limit as `Field` shows it, where the control has a `maxLength`. */
const limitOf = (value: string, maxLength: number | undefined) =>
  maxLength ? { length: value.length, max: maxLength } : undefined;

/** What every field holding one string is given: its words, its error, its value and what a change does. */
type StringFieldProps = {
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  onChange: (value: string) => void;
};

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "id"> &
  StringFieldProps;

/** One labelled input holding a string; with `maxLength` the limit is said and counted. */
export function TextField({ label, hint, error, value, onChange, maxLength, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} limit={limitOf(value, maxLength)}>
      {(props) => (
        <input {...props} {...input} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange" | "id"> &
  StringFieldProps & { ref?: Ref<HTMLTextAreaElement> };

/** A labelled text area; with `maxLength` the limit is said and counted. */
export function TextAreaField({
  label,
  hint,
  error,
  value,
  onChange,
  maxLength,
  rows = 3,
  ...textarea
}: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} limit={limitOf(value, maxLength)}>
      {(props) => (
        <textarea
          {...props}
          {...textarea}
          rows={rows}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A select's options as [value, text] pairs. */
export type Options = readonly (readonly [string, string])[];

/** A labelled select; `placeholder` is a first option with no value, choosable only when `allowEmpty`. */
export function SelectField({
  label,
  hint,
  error,
  value,
  onChange,
  options,
  placeholder,
  allowEmpty = false,
  className,
}: StringFieldProps & {
  options: Options;
  placeholder?: string;
  allowEmpty?: boolean;
  className?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => (
        <select
          {...props}
          className={className}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        >
          {placeholder ? (
            <option value="" disabled={!allowEmpty}>
              {placeholder}
            </option>
          ) : null}
          {options.map(([key, text]) => (
            <option key={key} value={key}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** One choice of a group: its words, and a hint tied to it. */
export type Choice<T extends string> = { value: T; label: ReactNode; hint?: string };

type GroupProps = {
  legend: string;
  hint?: string;
  error?: string | null;
  /** Choices side by side where there is room (short words), otherwise one under the other. */
  inline?: boolean;
  /** Many short choices (names): in columns. */
  columns?: boolean;
  className?: string;
};

/**
 * A fieldset whose legend asks the question, with its hint and error tied to the group, and one
 * input of `type` per choice; radio and checkbox groups differ only in what is checked and what a click does.
 */
function ChoiceGroup<T extends string>({
  legend,
  hint,
  error,
  inline,
  columns,
  className,
  type,
  options,
  isChecked,
  onToggle,
}: GroupProps & {
  type: "radio" | "checkbox";
  options: readonly Choice<T>[];
  isChecked: (value: T) => boolean;
  onToggle: (value: T, on: boolean) => void;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <fieldset
      className={className ? `choice-group ${className}` : "choice-group"}
      aria-describedby={describedBy || undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div className={`choices${inline ? " choices-inline" : ""}${columns ? " choices-columns" : ""}`}>
        {options.map((choice) => (
          <ChoiceItem
            key={choice.value}
            name={id}
            type={type}
            choice={choice}
            checked={isChecked(choice.value)}
            onChange={(on) => onToggle(choice.value, on)}
          />
        ))}
      </div>
    </fieldset>
  );
}

function ChoiceItem<T extends string>({
  name,
  type,
  choice,
  checked,
  onChange,
}: {
  name: string;
  type: "radio" | "checkbox";
  choice: Choice<T>;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = `${name}-${choice.value}`;
  return (
    <div className="choice-item">
      <input
        type={type}
        id={id}
        name={name}
        value={choice.value}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={choice.hint ? `${id}-hint` : undefined}
      />
      <div>
        <label htmlFor={id}>{choice.label}</label>
        {choice.hint ? (
          <span className="hint choice-hint" id={`${id}-hint`}>
            {choice.hint}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** One question answered by one of its choices. */
export function RadioGroup<T extends string>({
  value,
  onChange,
  ...group
}: GroupProps & {
  value: T | "";
  options: readonly Choice<T>[];
  onChange: (value: T) => void;
}) {
  return (
    <ChoiceGroup
      {...group}
      type="radio"
      isChecked={(choice) => value === choice}
      onToggle={(choice) => onChange(choice)}
    />
  );
}

/** One question answered by any number of its choices. */
export function CheckboxGroup<T extends string>({
  values,
  onChange,
  ...group
}: GroupProps & {
  values: readonly T[];
  options: readonly Choice<T>[];
  onChange: (values: T[]) => void;
}) {
  return (
    <ChoiceGroup
      {...group}
      type="checkbox"
      isChecked={(choice) => values.includes(choice)}
      onToggle={(choice, on) =>
        onChange(on ? [...values, choice] : values.filter((value) => value !== choice))
      }
    />
  );
}

/** A single yes/no checkbox with its label and a hint tied to it. */
export function Checkbox({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="checkbox-field">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The label a detail's field key goes by on this form: the longest key the form knows. */
function labelOf(key: string | null, fields: Record<string, string>): string | null {
  const parts = key ? key.split(".") : [];
  for (let length = parts.length; length > 0; length--) {
    const label = fields[parts.slice(0, length).join(".")];
    if (label) return label;
  }
  return null;
}

/**
 * An error from the server or the network, announced as it appears. The fields it concerns are
 * named by the form's own labels (`fields`: field key → label; their messages stand beside the
 * fields); a detail about a field the form does not show is given with a generic word, never its path.
 */
export function ErrorMessage({
  error,
  id,
  fields = {},
}: {
  error: unknown;
  id?: string;
  fields?: Record<string, string>;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t("common.unexpectedError");
  const issues = fieldIssues(error);
  const named = [...new Set(issues.flatMap(({ key }) => labelOf(key, fields) ?? []))];
  const others = issues.filter(({ key }) => !labelOf(key, fields) && key !== null);
  const unplaced = issues.filter(({ key, message: text }) => key === null && text !== message);
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <p>{message}</p>
      {named.length ? <p>{t("form.check", { fields: named.join(", ") })}</p> : null}
      {others.length || unplaced.length ? (
        <ul>
          {others.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole
            <li key={index}>{t("form.otherField", { message: issue.message })}</li>
          ))}
          {unplaced.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole
            <li key={`unplaced-${index}`}>{issue.message}</li>
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

/**
 * A form the server answers: the browser's own checks are off (the server's messages, in words,
 * stand beside the fields), and above the fields `saved` is announced once the server took it and
 * the error names the fields by `fields`' labels.
 */
export function MutationForm({
  mutation,
  send,
  saved,
  fields,
  className = "form",
  children,
}: {
  mutation: { error: unknown; isSuccess: boolean };
  send: () => void;
  saved?: string;
  fields?: Record<string, string>;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {saved && mutation.isSuccess ? <SuccessMessage>{saved}</SuccessMessage> : null}
      <ErrorMessage error={mutation.error} fields={fields} />
      {children}
    </form>
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

/**
 * A page's data as it arrives: loading, then the error (on a page of its own, titled `notFound.title`,
 * when the page is about one thing that may not exist or be hidden), then the content.
 */
export function QueryView<T>({
  query,
  notFound,
  children,
}: {
  query: Pick<UseQueryResult<T>, "data" | "error" | "isPending">;
  notFound?: { title: string; back?: ReactNode };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.data === undefined) {
    if (!notFound) return <ErrorMessage error={query.error} />;
    return (
      <Page title={notFound.title}>
        <ErrorMessage error={query.error} />
        {notFound.back ? <p>{notFound.back}</p> : null}
      </Page>
    );
  }
  return children(query.data);
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
function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * A table in a scrollable region whose caption stays readable on a narrow screen: the caption is
 * shown above the table at the region's width (a real caption would be as wide as the table and
 * scroll out of sight) and kept as the table's caption for assistive technology. `showTitle={false}`
 * where the heading above already says it.
 */
export function CaptionedTable({
  caption,
  className,
  note,
  showTitle = true,
  children,
}: {
  caption: string;
  className?: string;
  note?: ReactNode;
  showTitle?: boolean;
  children: ReactNode;
}) {
  return (
    <TableWrap label={caption}>
      {showTitle ? (
        <p className="table-title" aria-hidden="true">
          {caption}
        </p>
      ) : null}
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </table>
      {note ? <p className="table-note">{note}</p> : null}
    </TableWrap>
  );
}

/** A new password typed twice; `mismatch` is shown on the second field. */
export function NewPasswordFields(props: {
  password: string;
  setPassword: (value: string) => void;
  repeat: string;
  setRepeat: (value: string) => void;
  mismatch: boolean;
  error?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("fields.newPassword")}
        hint={t("fields.passwordHint")}
        error={props.error}
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
