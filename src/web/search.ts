// Search parameters pages share, checked as they arrive (a link may be old or typed by hand).

/** `?enhet=<id>`: the unit a page is narrowed to. */
type UnitSearch = { enhet?: string };
export const unitSearch = (search: Record<string, unknown>): UnitSearch => ({
  enhet: typeof search.enhet === "string" && /^[0-9a-f-]{36}$/i.test(search.enhet) ? search.enhet : undefined,
});
