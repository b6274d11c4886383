// Settling a disagreement: what the adjudicated layer becomes when one coder's version of a cluster (or the
// analyst's consensus) is accepted, and how that change is undone. Pure: the caller reads and writes the layer.
import type { Annotation } from '../../shared/types';

/** One accepted version: the layer of one document before and after, so the change can be undone exactly. */
export interface SettleChange {
  docId: string;
  tagId: string;
  before: Annotation[];
  after: Annotation[];
}

export interface SettleArgs {
  docId: string;
  tagId: string;
  /** The stretch being settled (a cluster's extent): the tag is taken off settled passages overlapping it. */
  start: number;
  end: number;
  /** The accepted passages (a coder's side of the cluster, or the consensus), each settled with this tag. */
  version: readonly Annotation[];
  /** When the change is made (ISO), for `modified`. */
  now: string;
}

const positionOf = (a: Annotation) => a.target.position;

/**
 * The settled layer after accepting `version` for `tagId` within [start, end): settled passages overlapping the
 * stretch lose the tag (and go when no tag is left), then each accepted passage is added with the tag, joining a
 * settled passage at exactly the same range instead of doubling it. Ids are derived from the accepted passage
 * (`s-<id>`), so accepting the same version twice changes nothing.
 */
export function settle(layer: readonly Annotation[], args: SettleArgs): Annotation[] {
  const out: Annotation[] = [];
  for (const a of layer) {
    const { start, end } = positionOf(a);
    if (a.docId !== args.docId || !a.tagIds.includes(args.tagId) || end <= args.start || start >= args.end) {
      out.push(a);
      continue;
    }
    const tagIds = a.tagIds.filter((t) => t !== args.tagId);
    if (tagIds.length > 0) out.push({ ...a, tagIds, modified: args.now });
  }
  for (const v of args.version) {
    const same = out.findIndex((a) => a.docId === args.docId && positionOf(a).start === positionOf(v).start && positionOf(a).end === positionOf(v).end);
    if (same >= 0) {
      const a = out[same]!;
      if (!a.tagIds.includes(args.tagId)) out[same] = { ...a, tagIds: [...a.tagIds, args.tagId], modified: args.now };
      continue;
    }
    out.push({ id: v.id.startsWith('s-') ? v.id : `s-${v.id}`, docId: args.docId, target: v.target, tagIds: [args.tagId], note: v.note, created: args.now, modified: args.now });
  }
  return out.sort((x, y) => positionOf(x).start - positionOf(y).start || positionOf(x).end - positionOf(y).end || x.id.localeCompare(y.id));
}

/** The change accepting a version makes, or null when it would change nothing. */
export function settleChange(layer: readonly Annotation[], args: SettleArgs): SettleChange | null {
  const after = settle(layer, args);
  if (sameLayer(layer, after)) return null;
  return { docId: args.docId, tagId: args.tagId, before: [...layer], after };
}

/**
 * The layer with `change` undone: its `before`, provided the layer is still exactly its `after` (otherwise
 * someone settled more since, and undoing would lose that: refused with a RangeError that says so).
 */
export function undoSettle(layer: readonly Annotation[], change: SettleChange): Annotation[] {
  if (!sameLayer(layer, change.after)) throw new RangeError('The adjudicated passages of this document changed since; undo the later changes first.');
  return [...change.before];
}

function sameLayer(a: readonly Annotation[], b: readonly Annotation[]): boolean {
  if (a.length !== b.length) return false;
  const key = (x: Annotation) => JSON.stringify([x.id, x.target.position, [...x.tagIds].sort(), x.note]);
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}
