// Form pieces the follow-up pages repeat: a radio group in its fieldset, a labelled text area, and
// field errors from a 400 answer tied to the fields they name.
import { type ReactNode, type TextareaHTMLAttributes, useEffect, useId, useRef } from "react";
import i18next from "../../i18n.ts";
import { Field } from "../../ui.tsx";

/**
 * Field errors from a 400 answer by the field's path without "body." and list indexes
 * ("body.agenda.hindrances.upper" → "agenda.hindrances.upper", "agenda.hindrances" and "agenda").
 * A message may arrive as `{sv, en, …}` rather than a string; the person's language is picked then.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const details = (error as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) return {};
  const language = i18next.language === "en" ? "en" : "sv";
  const errors: Record<string, string> = {};
  for (const issue of details as { path?: unknown; message?: unknown }[]) {
    if (typeof issue?.path !== "string") continue;
    const raw = issue.message as string | Record<string, unknown> | undefined;
    const message =
      typeof raw === "string" ? raw : typeof raw?.[language] === "string" ? (raw[language] as string) : null;
    if (!message) continue;
    const parts = issue.path.split(".").filter((part) => part !== "body" && !/^\d+$/.test(part));
    for (let i = parts.length; i > 0; i--) errors[parts.slice(0, i).join(".")] ??= message;
  }
  return errors;
}

type Option<T extends string> = { value: T; label: string; hint?: string };

/** A group of radio buttons with its legend, hint and error, as one question. */
export function RadioGroup<T extends string>({
  legend,
  hint,
  error,
  value,
  options,
  onChange,
  inline = false,
}: {
  legend: string;
  hint?: string;
  error?: string | null;
  value: T | "";
  options: Option<T>[];
  onChange: (value: T) => void;
  inline?: boolean;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <fieldset className="fu-fieldset" aria-describedby={describedBy || undefined}>
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
      <div className={inline ? "fu-choices fu-choices-inline" : "fu-choices"}>
        {options.map((option) => (
          <div className="fu-choice" key={option.value}>
            <input
              type="radio"
              id={`${id}-${option.value}`}
              name={id}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-describedby={option.hint ? `${id}-${option.value}-hint` : undefined}
            />
            <div>
              <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
              {option.hint ? (
                <span className="hint fu-choice-hint" id={`${id}-${option.value}-hint`}>
                  {option.hint}
                </span>
              ) : null}
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange" | "id"> & {
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  onChange: (value: string) => void;
};

export function TextArea({ label, hint, error, value, onChange, rows = 3, ...rest }: TextAreaProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => (
        <textarea {...props} {...rest} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

/** A select with its label; the first option may be an explicit "none". */
export function Select({
  label,
  hint,
  error,
  value,
  onChange,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label and an optional hint tied to it. */
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
    <div className="fu-checkbox">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
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

/** "Takes about N minutes": every form says what it costs (trust by design). */
export function TimeHint({ text }: { text: string }) {
  return <p className="fu-time">{text}</p>;
}

/** When the server refuses a form, focus moves to the first field it named, so the message is heard and fixed. */
export function useFocusInvalid(error: unknown) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  return ref;
}
