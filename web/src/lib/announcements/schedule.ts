// The announcements' calendar: consecutive items of one town day under one heading, in the
// order the server listed them (soonest first while scheduled, newest first in the history).

export interface Day<T> {
  /** The town's date, "YYYY-MM-DD". */
  day: string;
  items: T[];
}

/** Groups `items` by `dayOf` (the town's date of each), keeping their order. */
export function groupByDay<T>(items: readonly T[], dayOf: (item: T) => string): Day<T>[] {
  const days: Day<T>[] = [];
  for (const item of items) {
    const day = dayOf(item);
    const last = days.at(-1);
    if (last?.day === day) last.items.push(item);
    else days.push({ day, items: [item] });
  }
  return days;
}

/** The names of `ids` in the taxonomy's order; an id no longer there becomes `removed`. */
export function namesOf(
  ids: readonly string[],
  named: readonly { id: string; name: string }[],
  removed: string,
): string[] {
  const known = named.filter((item) => ids.includes(item.id)).map((item) => item.name);
  const gone = ids.filter((id) => !named.some((item) => item.id === id));
  return gone.length ? [...known, removed] : known;
}
