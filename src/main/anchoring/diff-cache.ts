// The old→new text diffs placing has made recently, so a document's passages share one diff per edit.
import { diffTexts, type TextDiff } from './text-diff';

/**
 * A listing places every passage of a document against the same two texts, and diffing them is
 * the costly step, so it is done once. An instance belongs to whoever caches placements (one per
 * workspace), not to the module: two workspaces, or two tests, never see each other's texts, and
 * the texts are released with their owner.
 */
export class DiffCache {
  private readonly recent: { oldText: string; newText: string; diff: TextDiff }[] = [];

  /** @param size how many text pairs to keep: documents edited in a row, each with its one old text. */
  constructor(private readonly size = 8) {}

  diff(oldText: string, newText: string): TextDiff {
    const at = this.recent.findIndex((r) => r.oldText === oldText && r.newText === newText);
    if (at >= 0) {
      const [hit] = this.recent.splice(at, 1);
      this.recent.unshift(hit!);
      return hit!.diff;
    }
    const diff = diffTexts(oldText, newText);
    this.recent.unshift({ oldText, newText, diff });
    this.recent.length = Math.min(this.recent.length, this.size);
    return diff;
  }
}
