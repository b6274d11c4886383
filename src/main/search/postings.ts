// The postings of one key: every (document slot, token ordinal) where it occurs, flat in one typed array.
//
// One object per token cost ~100 bytes and kept millions of objects alive for the collector to
// trace; a pair of 32-bit integers costs 8 bytes and nothing to trace. A corpus load sizes every
// list exactly, as a view into one shared buffer (see bulk-posting.ts); a list that outgrows its
// room later (a document added or changed) moves to an array of its own, grown by doubling.

const INITIAL_PAIRS = 4;

export class PostingList {
  /** Number of postings. */
  length = 0;

  /** @param pairs Room for the postings, all unused: slot, ordinal, slot, ordinal, … */
  constructor(private pairs: Uint32Array = new Uint32Array(INITIAL_PAIRS * 2)) {}

  /** The raw pairs, for hot loops: slot at 2i, ordinal at 2i + 1, for i < length. */
  get data(): Uint32Array {
    return this.pairs;
  }

  push(slot: number, ordinal: number): void {
    const at = this.length * 2;
    if (at === this.pairs.length) this.grow();
    this.pairs[at] = slot;
    this.pairs[at + 1] = ordinal;
    this.length++;
  }

  /** Drops every posting of one document slot, keeping the others in order. */
  removeSlot(slot: number): void {
    const pairs = this.pairs;
    let kept = 0;
    for (let i = 0; i < this.length * 2; i += 2) {
      if (pairs[i] === slot) continue;
      pairs[kept] = pairs[i] as number;
      pairs[kept + 1] = pairs[i + 1] as number;
      kept += 2;
    }
    this.length = kept / 2;
  }

  private grow(): void {
    const next = new Uint32Array(Math.max(INITIAL_PAIRS * 2, this.pairs.length * 2));
    next.set(this.pairs);
    this.pairs = next;
  }
}
