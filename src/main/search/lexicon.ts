// The index's vocabulary: every distinct spelling once, its key (the loosest fold) once, keys in sorted order.
//
// Folding (lower-casing and two Unicode normalisations) is the costly step of indexing, and a corpus
// has far fewer distinct spellings than tokens, so a spelling is folded once, when first seen. Tokens
// then refer to spellings by integer id, and postings to keys by integer id, in typed arrays.
// Spellings and keys are never forgotten: a document that goes away leaves a few unused entries
// behind, and ids stay valid for every typed array that holds them.
import { foldKey } from './tokenise';

/** Key id of a spelling that folds to nothing: such a run is not a token. */
export const NO_KEY = -1;

export class Lexicon {
  private readonly spellings: string[] = [];
  /** Signed, so NO_KEY (-1) stays a small integer, as every id and hash here does. */
  private keyOfSpelling = new Int32Array(1024);
  private hashOfSpelling = new Int32Array(1024);
  /**
   * Open-addressing table from a spelling's hash to its id + 1 (0: empty). Every token of the corpus
   * is looked up here, and hashing the text in place spares a string slice and a Map lookup per token.
   */
  private table = new Uint32Array(2048);
  private readonly keyIds = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Key ids in code-unit order of their keys, for prefix lookups. */
  private sorted = new Uint32Array(0);
  /** Keys added since `sorted` was brought up to date; merged in before the next prefix lookup. */
  private unsorted: number[] = [];

  get spellingCount(): number {
    return this.spellings.length;
  }

  get keyCount(): number {
    return this.keys.length;
  }

  spelling(spellingId: number): string {
    return this.spellings[spellingId] as string;
  }

  key(keyId: number): string {
    return this.keys[keyId] as string;
  }

  /** The key id of a spelling, NO_KEY when it folds to nothing. */
  keyOf(spellingId: number): number {
    return this.keyOfSpelling[spellingId] as number;
  }

  /** The id of text[start, end), whose hashText is `hash`, interning the spelling (and its key) when new. */
  intern(text: string, start: number, end: number, hash: number): number {
    const mask = this.table.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const found = this.table[at] as number;
      if (found === 0) return this.add(ownCopy(text.slice(start, end)), hash, at);
      const id = found - 1;
      if (this.hashOfSpelling[id] === hash && sameText(this.spellings[id] as string, text, start, end)) return id;
    }
  }

  /** The id of a key, undefined when no indexed text ever had it. */
  findKey(key: string): number | undefined {
    return this.keyIds.get(key);
  }

  /** Ids of every key that begins with the prefix. */
  keysWithPrefix(prefix: string): Uint32Array {
    this.sortKeys();
    const sorted = this.sorted;
    const from = this.lowerBound(sorted, prefix);
    let to = from;
    while (to < sorted.length && this.key(sorted[to] as number).startsWith(prefix)) to++;
    return sorted.subarray(from, to);
  }

  /** Adds a spelling whose hash slot `at` was found empty. */
  private add(spelling: string, hash: number, at: number): number {
    const id = this.spellings.length;
    this.spellings.push(spelling);
    if (id === this.keyOfSpelling.length) {
      this.keyOfSpelling = grown(this.keyOfSpelling);
      this.hashOfSpelling = grown(this.hashOfSpelling);
    }
    this.hashOfSpelling[id] = hash;
    this.table[at] = id + 1;
    if (this.spellings.length * 2 > this.table.length) this.rehash();
    const key = foldKey(spelling);
    this.keyOfSpelling[id] = key === '' ? NO_KEY : this.keyIdOf(key);
    return id;
  }

  /** Doubles the table, keeping it at most half full so probes stay short. */
  private rehash(): void {
    const table = new Uint32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.spellings.length; id++) {
      let at = (this.hashOfSpelling[id] as number) & mask;
      while (table[at] !== 0) at = (at + 1) & mask;
      table[at] = id + 1;
    }
    this.table = table;
  }

  private keyIdOf(key: string): number {
    const known = this.keyIds.get(key);
    if (known !== undefined) return known;
    const id = this.keys.length;
    this.keys.push(key);
    this.keyIds.set(key, id);
    this.unsorted.push(id);
    return id;
  }

  /**
   * Brings the sorted keys up to date: the new keys are sorted alone and slotted in, so a document
   * that adds a few words costs a copy of the array, not a sort of every key (~0.1 s for 200,000).
   * A fill calls this at its end, so the first prefix query does not pay for the corpus's sort.
   */
  sortKeys(): void {
    if (this.unsorted.length === 0) return;
    // Code-unit order, as startsWith compares; localeCompare would not keep a prefix's keys together.
    const fresh = Uint32Array.from(this.unsorted).sort((a, b) => {
      const x = this.key(a);
      const y = this.key(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    this.unsorted = [];
    if (this.sorted.length === 0) {
      this.sorted = fresh;
      return;
    }
    const merged = new Uint32Array(this.sorted.length + fresh.length);
    let from = 0;
    let out = 0;
    for (const id of fresh) {
      const at = this.lowerBound(this.sorted, this.key(id));
      merged.set(this.sorted.subarray(from, at), out);
      out += at - from;
      from = at;
      merged[out++] = id;
    }
    merged.set(this.sorted.subarray(from), out);
    this.sorted = merged;
  }

  /** First position whose key is >= target: where keys with that prefix begin. */
  private lowerBound(sorted: Uint32Array, target: string): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.key(sorted[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function sameText(spelling: string, text: string, start: number, end: number): boolean {
  if (spelling.length !== end - start) return false;
  for (let i = 0; i < spelling.length; i++) if (spelling.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}

/**
 * A copy of a spelling that does not hold on to the document text. V8 makes a longer slice a view
 * into its parent string; kept in the lexicon, it would keep a whole old version of a document alive
 * after the document changed. Concatenating and slicing again flattens it into its own string.
 */
const ownCopy = (s: string): string => (` ${s}`).slice(1);
