// Choosing a unit by searching on the server: a labelled combobox with a list of matches (the
// WAI-ARIA combobox pattern). A <select> holding the whole visible tree meant loading every unit
// of the tenant (807 kB at 4,000 units) before a form could open; this asks for twenty at a time.
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitListItem } from "../../types.ts";
import { Field } from "../../ui.tsx";
import { useUnit, useUnitSearch } from "./queries.ts";

const MATCHES = 20;
/** Typing pauses this long before the server is asked, so a word is one request, not one per key. */
const PAUSE_MS = 200;

type UnitPickerProps = {
  label: string;
  /** The chosen unit's id, "" for none. */
  value: string;
  onChange: (unitId: string) => void;
  hint?: string;
  error?: string;
  /** Offer only this unit and the units under it. */
  within?: string | null;
  /** Leave out this unit and everything under it (a unit cannot move into its own subtree). */
  excluding?: string;
  /** What an empty field means, when it means something ("none – at the top"). */
  placeholder?: string;
};

/** The text as it was when typing last paused. */
export function usePaused(text: string): string {
  const [paused, setPaused] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setPaused(text), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return paused;
}

const isUnder = (unit: UnitListItem, rootId: string) =>
  unit.id === rootId || (unit.ancestors ?? []).some((above) => above.id === rootId);

/** "Nämnd › Förvaltning": where a match sits, to tell two units of the same name apart. */
const placeOf = (unit: UnitListItem) => (unit.ancestors ?? []).map((above) => above.name).join(" › ");

export function UnitPicker({
  label,
  value,
  onChange,
  hint,
  error,
  within,
  excluding,
  placeholder,
}: UnitPickerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState("");
  const [editing, setEditing] = useState(false);
  const [active, setActive] = useState(0);
  // The name of a unit chosen here is known; one chosen before (a saved value) is read once.
  const [chosenName, setChosenName] = useState<{ id: string; name: string } | null>(null);
  const known = chosenName?.id === value ? chosenName.name : undefined;
  const saved = useUnit(value, Boolean(value) && known === undefined);
  const currentName = value ? (known ?? saved.data?.name ?? "") : "";
  const query = usePaused(text.trim());
  const search = useUnitSearch(editing ? query : "", within, MATCHES);
  const matches = (search.data ?? []).filter((unit) => !excluding || !isUnder(unit, excluding));
  const open = editing && query.length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;

  const choose = (unit: UnitListItem) => {
    setChosenName({ id: unit.id, name: unit.name });
    onChange(unit.id);
    setText(unit.name);
    setEditing(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setEditing(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => Math.max(0, Math.min(matches.length - 1, index + step)));
    } else if (event.key === "Enter" && open && matches[active]) {
      // Enter picks the highlighted unit; it must not submit the form around the picker.
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setEditing(false);
      setText(currentName);
    }
  };

  return (
    <Field label={label} hint={[hint, t("org.picker.hint")].filter(Boolean).join(" ")} error={error}>
      {(props) => (
        <div className="unit-picker">
          <input
            {...props}
            type="text"
            role="combobox"
            autoComplete="off"
            placeholder={placeholder}
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open && matches[active] ? optionId(active) : undefined}
            value={editing ? text : currentName}
            onFocus={() => {
              setEditing(true);
              setText(currentName);
            }}
            onBlur={() => setEditing(false)}
            onChange={(event) => {
              setText(event.target.value);
              setActive(0);
              if (!event.target.value.trim() && value) onChange("");
            }}
            onKeyDown={onKeyDown}
          />
          <div id={listId} role="listbox" aria-label={label} className="match-list" hidden={!open}>
            {matches.map((unit, index) => (
              // The input keeps focus while an option is clicked (mousedown would move it away).
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input handles the keys for its options
              <div
                key={unit.id}
                id={optionId(index)}
                role="option"
                tabIndex={-1}
                aria-selected={index === active}
                style={
                  index === active
                    ? { background: "var(--accent-wash)", cursor: "pointer" }
                    : { cursor: "pointer" }
                }
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(unit)}
              >
                {unit.name}
                {unit.active ? "" : ` (${t("common.inactive")})`}
                {unit.ancestors?.length ? <span className="muted match-path">{placeOf(unit)}</span> : null}
              </div>
            ))}
          </div>
          <p role="status" className="visually-hidden">
            {open && !search.isFetching ? t("units.matches", { count: matches.length }) : ""}
          </p>
        </div>
      )}
    </Field>
  );
}
