// Document ids from file names: any name the OS allows gives an id that is safe as a file name, stable and unique.
//
// An id names the document's annotation, coverage and snapshot files, so it must be one safe path
// component (store/annotation-store.ts PATH_PART: ASCII letters, digits, "_" and "-", starting
// with a letter or digit, at most 128). Earlier versions used the file name's stem with every
// other character turned into "-"; every id that rule made and the stores accepted is kept as it
// was, so existing passages stay attached. Names that rule could not serve ("(copy) report.txt",
// "_draft.txt", "日本語.txt", 251-character names) get a readable ASCII slug plus a hash of the
// whole file name: a function of the name alone, so the id is the same on every open and on every
// machine, whatever else the folder holds.
import { createHash } from 'node:crypto';

/** The stores' rule for one path component; mirrors assertPathPart (store/annotation-store.ts). */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** Room for the slug in a hashed id: with "-" and the hash it stays far below the 128 limit. */
const SLUG_MAX = 80;
/** 10 hex digits (40 bits): a clash needs about a million names that share one slug. */
const HASH_DIGITS = 10;

const stemOf = (source: string): string => source.replace(/\.[^.]*$/, '');

/** The id the earlier rule gave, or null where that id was never usable. */
export function legacyId(source: string): string | null {
  // In NFC, so "ü" is one character (one "-") whichever form the disk gave the name in.
  const id = stemOf(source.normalize('NFC')).replace(/[^A-Za-z0-9_-]/g, '-');
  return SAFE_ID.test(id) ? id : null;
}

/**
 * "Ünïcode Report (draft)" → "Unicode-Report-draft": letters lose their accents (NFKD, marks
 * dropped), everything else outside ASCII letters and digits becomes one "-". Empty for scripts
 * with no ASCII form (Cyrillic, Arabic, CJK, emoji); the hash then carries the identity alone.
 */
function slugOf(stem: string): string {
  const ascii = stem
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-');
  return ascii.slice(0, SLUG_MAX).replace(/^-+|-+$/g, '');
}

/**
 * The id that names cannot collide on: slug + hash of the whole file name (extension included,
 * so "x.pdf" and "x.docx" differ). The name is hashed in NFC, so the same name written by macOS
 * (decomposed) and by Linux or Windows (composed) keeps one id when a corpus moves between them.
 */
export function hashedId(source: string): string {
  const hash = createHash('sha256').update(source.normalize('NFC'), 'utf8').digest('hex').slice(0, HASH_DIGITS);
  const slug = slugOf(stemOf(source));
  return slug === '' ? `doc-${hash}` : `${slug}-${hash}`;
}

/** The id a file gets when no other file of the folder already holds it. */
export const preferredId = (source: string): string => legacyId(source) ?? hashedId(source);

/**
 * The id for `source`, given who holds which id already (`holder(id)` answers the file name
 * holding it, or undefined). "a b.txt" and "a-b.txt" both prefer "a-b": the one that has it keeps
 * it (as the earlier loader, which loaded the first by name and refused the other), the other gets
 * its hashed id instead of being left out. Null only if even that is held (a hash clash).
 */
export function chooseId(source: string, holder: (id: string) => string | undefined): string | null {
  for (const id of [preferredId(source), hashedId(source)]) {
    const held = holder(id);
    if (held === undefined || held === source) return id;
  }
  return null;
}

/**
 * Ids for a whole folder: file name → id, or null where a hash clash left none. An id the file
 * had last time (`previous`, from the document cache) is kept first, so a file added since that
 * sorts before it cannot take its id; the rest are given in file-name order (the order the earlier
 * loader gave ids in, so stores from before keep theirs).
 */
export function assignIds(sources: readonly string[], previous: (source: string) => string | undefined = () => undefined): Map<string, string | null> {
  const byId = new Map<string, string>();
  const ids = new Map<string, string | null>();
  const sorted = [...sources].sort();
  for (const source of sorted) {
    const id = previous(source);
    // Also the raw (NFD on macOS) name's old id: a store made there keeps its passages.
    const rawLegacy = stemOf(source).replace(/[^A-Za-z0-9_-]/g, '-');
    if (id !== undefined && (id === preferredId(source) || id === hashedId(source) || id === rawLegacy) && SAFE_ID.test(id) && !byId.has(id)) {
      byId.set(id, source);
      ids.set(source, id);
    }
  }
  for (const source of sorted) {
    if (ids.has(source)) continue;
    const id = chooseId(source, (i) => byId.get(i));
    if (id !== null) byId.set(id, source);
    ids.set(source, id);
  }
  return new Map(sources.map((s) => [s, ids.get(s) ?? null]));
}

export const isSafeId = (id: string): boolean => SAFE_ID.test(id);
