// The unit tree as the pages need it: in tree order for pickers, and who is above whom. The
// person sees only part of the chain, so a unit whose parent they cannot see starts a tree of its own.

type TreeUnit = { id: string; parentId: string | null; name: string; active: boolean };

/** Names in Swedish alphabetical order (å, ä, ö last), for units and people alike. */
export const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "sv");

/** Active units in tree order with their depth, siblings by name: for a <select>. */
export function treeOrder<Unit extends TreeUnit>(units: Unit[]): { unit: Unit; depth: number }[] {
  const active = units.filter((unit) => unit.active);
  const ids = new Set(active.map((unit) => unit.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of active) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const ordered: { unit: Unit; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const unit of (children.get(parent) ?? []).sort(byName)) {
      ordered.push({ unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** A unit's name indented by its depth, for an <option> (options cannot hold markup). */
export const indented = (name: string, depth: number) => `${"\u00a0\u00a0".repeat(depth)}${name}`;

/** The unit and its ancestors as far as the person can see them, nearest first. */
export function lineOf(units: TreeUnit[], unitId: string): string[] {
  const parents = new Map(units.map((unit) => [unit.id, unit.parentId]));
  const line: string[] = [];
  // The depth bound guards against a cycle in what the server sent; the tree has none.
  for (let current: string | null | undefined = unitId; current && line.length < 100; ) {
    line.push(current);
    current = parents.get(current);
  }
  return line;
}

/** Whether a unit lies in the subtree of one of `roots` (a root counts as in its own subtree). */
export const isWithin = (units: TreeUnit[], unitId: string, roots: ReadonlySet<string>) =>
  lineOf(units, unitId).some((id) => roots.has(id));
