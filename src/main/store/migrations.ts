// Upgrades of stored files from older format versions, applied in memory on read; the file is rewritten only by the next real change.

/**
 * One step from format `from` to format `to`. `up` gets the parsed JSON of a `from` file and answers
 * the same data in the `to` shape; the framework sets `schemaVersion` to `to` afterwards, so a step
 * only moves fields. Steps must not throw for well-formed input: the current schema checks the
 * result, and anything it refuses makes the file unreadable with that message.
 */
export interface Migration {
  from: number;
  to: number;
  up(data: Record<string, unknown>): unknown;
}

/** Throws at start-up (a programming error) unless the steps form one path up to `current`. */
export function checkMigrations(migrations: readonly Migration[], current: number): void {
  const seen = new Set<number>();
  for (const m of migrations) {
    if (!Number.isInteger(m.from) || !Number.isInteger(m.to) || m.from < 1 || m.to <= m.from || m.to > current) {
      throw new Error(`Migration ${m.from} → ${m.to} must go up, to at most version ${current}.`);
    }
    if (seen.has(m.from)) throw new Error(`Two migrations start at version ${m.from}.`);
    seen.add(m.from);
  }
}

export type Migrated = { ok: true; data: unknown; from: number } | { ok: false; problem: string };

/**
 * Brings parsed JSON up to `current`. A file without a numeric schemaVersion, or already current,
 * passes through unchanged (the schema judges it). A newer version is the caller's business.
 */
export function migrate(json: unknown, current: number, migrations: readonly Migration[]): Migrated {
  const start = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof start !== 'number' || start >= current) return { ok: true, data: json, from: Number(start) };
  let data = json;
  let version = start;
  while (version < current) {
    const step = migrations.find((m) => m.from === version);
    if (!step) {
      return { ok: false, problem: `it is in format version ${version}, which this version of Glossator cannot upgrade` };
    }
    try {
      const next = step.up(structuredClone(data) as Record<string, unknown>);
      if (typeof next !== 'object' || next === null || Array.isArray(next)) {
        return { ok: false, problem: `upgrading it from format version ${version} gave no data` };
      }
      data = { ...next, schemaVersion: step.to };
    } catch (err) {
      return { ok: false, problem: `upgrading it from format version ${version} failed (${(err as Error).message})` };
    }
    version = step.to;
  }
  return { ok: true, data, from: start };
}
