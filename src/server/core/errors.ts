/** Text for people in both product languages; Swedish is the default. */
export type Text = { sv: string; en: string };
export type Lang = "sv" | "en";

/** Application errors carry an HTTP status, a stable code and a message a person understands. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly text: Text,
    readonly details?: unknown,
  ) {
    super(text.en);
  }
}

export const badRequest = (text: Text, details?: unknown) => new AppError(400, "bad_request", text, details);
/** A 400 naming the field at fault; only the text's two languages travel, whatever else the text carries. */
export function fieldError(path: string, text: Text) {
  const message = { sv: text.sv, en: text.en };
  return badRequest(message, [{ path, message }]);
}
export const unauthorized = (text: Text = { sv: "Du behöver logga in.", en: "You need to log in." }) =>
  new AppError(401, "unauthorized", text);
export const forbidden = (
  text: Text = { sv: "Du har inte behörighet till detta.", en: "You are not allowed to do this." },
) => new AppError(403, "forbidden", text);
export const notFound = (text: Text = { sv: "Hittades inte.", en: "Not found." }) =>
  new AppError(404, "not_found", text);
export const conflict = (text: Text, details?: unknown) => new AppError(409, "conflict", text, details);
export const tooManyRequests = (text: Text) => new AppError(429, "rate_limited", text);

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };
