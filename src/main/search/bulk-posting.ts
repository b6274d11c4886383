// Posting a whole corpus at once: exact-size posting lists carved from one buffer, in small steps.
//
// Growing hundreds of thousands of lists one posting at a time means a million reallocations and
// as many typed arrays for the collector; counting first lets every list be a view of exactly
// its size into one buffer. The work is split into steps (one document counted or posted, or the
// buffer carved) so the incremental build can yield between them.
import type { DocEntry } from './doc-tokens';
import type { Lexicon } from './lexicon';
import { PostingList } from './postings';

export class BulkPosting {
  private phase: 'count' | 'carve' | 'post' | 'done' = 'count';
  private next = 0;
  private readonly counts: Uint32Array;

  /**
   * @param entries Documents whose postings are not in `postings` yet; none may change until done.
   * @param postings Lists by key id, filled in place.
   */
  constructor(
    private readonly entries: readonly DocEntry[],
    private readonly lexicon: Lexicon,
    private readonly postings: (PostingList | undefined)[],
  ) {
    this.counts = new Uint32Array(lexicon.keyCount);
    if (entries.length === 0) this.phase = 'done';
  }

  get done(): boolean {
    return this.phase === 'done';
  }

  step(): void {
    const last = this.next === this.entries.length - 1;
    if (this.phase === 'count') {
      this.count(this.entries[this.next++] as DocEntry);
      if (last) this.phase = 'carve';
    } else if (this.phase === 'carve') {
      this.carve();
      this.next = 0;
      this.phase = 'post';
    } else if (this.phase === 'post') {
      this.post(this.entries[this.next++] as DocEntry);
      if (last) this.phase = 'done';
    }
  }

  finish(): void {
    while (!this.done) this.step();
  }

  private count({ spellings }: DocEntry): void {
    for (let i = 0; i < spellings.length; i++) {
      const key = this.lexicon.keyOf(spellings[i] as number);
      this.counts[key] = (this.counts[key] as number) + 1;
    }
  }

  /** One buffer for every new posting; each key gets a view of exactly its size (its old postings copied in). */
  private carve(): void {
    let total = 0;
    for (let key = 0; key < this.counts.length; key++) total += (this.counts[key] as number) + (this.postings[key]?.length ?? 0);
    const buffer = new Uint32Array(total * 2);
    let at = 0;
    for (let key = 0; key < this.counts.length; key++) {
      const old = this.postings[key];
      const size = ((this.counts[key] as number) + (old?.length ?? 0)) * 2;
      if (size === 0) continue;
      const list = new PostingList(buffer.subarray(at, at + size));
      for (let i = 0; i < (old?.length ?? 0) * 2; i += 2) list.push(old?.data[i] as number, old?.data[i + 1] as number);
      this.postings[key] = list;
      at += size;
    }
  }

  private post({ slot, spellings }: DocEntry): void {
    for (let i = 0; i < spellings.length; i++) {
      (this.postings[this.lexicon.keyOf(spellings[i] as number)] as PostingList).push(slot, i);
    }
  }
}
