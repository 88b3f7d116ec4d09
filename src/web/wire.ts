// The web app's view of the server's answers, derived from the server's own zod schemas so the two
// cannot drift apart. Import the schemas with `import type` (nothing of the server is bundled) and
// name a page's type `Wire<typeof schema>`: what the schema outputs, as JSON carries it.
import type { z } from "zod";

/** A value after JSON: dates travel as ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Jsonified<Item>[]
    : T extends object
      ? { [Key in keyof T]: Jsonified<T[Key]> }
      : T;

/** The JSON a route answers with, for a response schema of the server. */
export type Wire<Schema extends z.ZodType> = Jsonified<z.output<Schema>>;
