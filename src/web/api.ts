// One fetch wrapper for the whole app: JSON in and out, the CSRF token on mutations, and the
// server's {error: {code, message, details}} turned into an ApiError whose message is already
// in the person's language.

export type LineError = { file: "units" | "people"; line: number; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

export async function api<T>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(
      0,
      "network",
      document.documentElement.lang === "en" ? "No contact with the server." : "Ingen kontakt med servern.",
    );
  }
  if (response.status === 204 || response.status === 202) {
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "unknown",
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return body as T;
}

export const get = <T>(path: string) => api<T>(path);
export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: "POST", body: body ?? {} });
export const patch = <T>(path: string, body: unknown) => api<T>(path, { method: "PATCH", body });
export const put = <T>(path: string, body: unknown) => api<T>(path, { method: "PUT", body });
export const del = <T>(path: string) => api<T>(path, { method: "DELETE" });

/** Builds a query string from the set values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Where in the request a detail points: the form's own field names start after it. */
const LOCATIONS = new Set(["body", "query", "params"]);

/**
 * The field a detail of a 400 answer names, in the form's terms: without "body." and list indexes
 * ("body.reporters.unitIds.0" → "reporters.unitIds"). Never shown to people; forms look up labels by it.
 */
const fieldKey = (path: string) =>
  path
    .split(".")
    .filter((part, index) => !(index === 0 && LOCATIONS.has(part)) && !/^\d+$/.test(part))
    .join(".");

/** The field details of an error from the server: each with its field key and message. */
export function fieldIssues(error: unknown): { key: string | null; message: string }[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((issue: { path?: unknown; message?: unknown }) => {
    const message = messageOf(issue?.message);
    if (!message) return [];
    return [{ key: typeof issue.path === "string" ? fieldKey(issue.path) || null : null, message }];
  });
}

/** A message arrives in the person's language; an untranslated `{sv, en}` pair is read in it too. */
function messageOf(raw: unknown): string | null {
  if (typeof raw === "string") return raw;
  if (raw && typeof raw === "object") {
    const text = (raw as Record<string, unknown>)[document.documentElement.lang === "en" ? "en" : "sv"];
    return typeof text === "string" ? text : null;
  }
  return null;
}

/**
 * Field errors by field key, to show beside each field. A message is also kept under every shorter
 * key ("reporters.unitIds" and "reporters"), so a group of fields can show what concerns any of them.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { key, message } of fieldIssues(error)) {
    const parts = key ? key.split(".") : [];
    for (let length = parts.length; length > 0; length--)
      errors[parts.slice(0, length).join(".")] ??= message;
  }
  return errors;
}
