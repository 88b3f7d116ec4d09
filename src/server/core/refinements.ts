// Messages for zod refinements in both languages. zod carries one message string; the text rides
// along in the params and the error handler (core/http.ts) answers in the person's language.
import type { Text } from "./errors.ts";

/** The options of `.refine(check, says(text))`: the refusal in Swedish and English. */
export const says = (text: Text) => ({ message: text.en, params: { text } });

/**
 * A PATCH that names no field to change is the client's mistake, not a no-op. Refused for every
 * PATCH route at once by core/http.ts, after the schema (so fields it does not know count as none).
 */
export const NOTHING_TO_CHANGE: Text = {
  sv: "Ange minst ett fält att ändra.",
  en: "Give at least one field to change.",
};
