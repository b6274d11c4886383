// Reading per-tag counts safely: tag ids are data, and "constructor" or "__proto__" must count like any other id.

/** The count stored under `key`, ignoring anything inherited from Object.prototype. */
export function countOf(counts: Readonly<Record<string, number>>, key: string): number {
  return Object.hasOwn(counts, key) ? (counts[key] ?? 0) : 0;
}

/** Adds `by` to the count under `key` without consulting the prototype chain. */
export function addCount(counts: Record<string, number>, key: string, by = 1): void {
  // defineProperty, not assignment: assigning to "__proto__" would change the object's prototype.
  Object.defineProperty(counts, key, { value: countOf(counts, key) + by, enumerable: true, writable: true, configurable: true });
}

/**
 * The key of a passage's set of tags in `tagSets` counts: the ids sorted, as a JSON array (ids are
 * data and may hold any character, so no separator would be safe).
 */
export function tagSetKey(tagIds: readonly string[]): string {
  return JSON.stringify([...new Set(tagIds)].sort());
}

/** The ids of a `tagSetKey`; an unreadable key names no tag. */
export function tagSetIds(key: string): string[] {
  try {
    const ids: unknown = JSON.parse(key);
    return Array.isArray(ids) ? ids.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}
