// Which codebook tag each incoming code becomes: matched, created under its parent, renamed or cut — every change reported.
//
// Codes the source names by key (REFI-QDA GUIDs) keep their tree: each becomes a tag under the tag
// its parent became. Two codes with one name under different parents stay two tags; two under the
// same parent would be one name twice among siblings, which a codebook cannot hold, so the second is
// renamed "Name (2)" and the report says so rather than merging them. A code whose name and parent
// match a tag already in the codebook is that tag (a second import changes nothing). Names over the
// limit are cut between code points, and reported.
import type { ImportChange, Tag } from '../../../shared/types';
import { argSchemas, type Args } from '../../../shared/contract';
import { MAX_TAG_DESCRIPTION_LENGTH, MAX_TAG_NAME_LENGTH } from '../../../shared/limits';
import { nameKey } from '../../store/tag-store';
import type { IncomingTag } from '../../interop/types';

/** A tag to create under an existing tag (`parentId`) or under an earlier one of the same batch (`parentIndex`). */
export type NewTag = Args<'createTag'> & { parentId?: string | null; parentIndex?: number };

/**
 * Whether the codebook nests (createTag takes a parent). Where it does not, every tag is a sibling
 * of every other: names must differ across the whole codebook, and the tree is flattened.
 */
export const CODEBOOK_NESTS = 'parentId' in argSchemas.createTag.shape;

const parentOf = (t: Tag): string | null => (t as Tag & { parentId?: string | null }).parentId ?? null;

export interface TagPlan {
  /** Tags to create, parents before children (parentIndex points into this list). */
  create: NewTag[];
  /** Incoming key → an existing tag id, or the index of a tag in `create`. */
  keys: Map<string, { id: string } | { index: number }>;
  changes: ImportChange[];
}

/** A name within the limit, cut between code points and trimmed. */
export function clipName(name: string): string {
  let clipped = '';
  for (const ch of name.trim()) {
    if (clipped.length + ch.length > MAX_TAG_NAME_LENGTH) break;
    clipped += ch;
  }
  return clipped.trim();
}

const shortened = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

/**
 * Plans the keyed tags `wanted` (and their ancestors) against `codebook`. `colour` gives the
 * colour for a tag that brings none.
 */
export function planKeyedTags(
  declared: readonly IncomingTag[],
  wanted: ReadonlySet<string>,
  codebook: readonly Tag[],
  colour: (incoming: IncomingTag) => string,
): TagPlan {
  const byKey = new Map(declared.filter((t) => t.key !== undefined).map((t) => [t.key!, t] as const));
  // Ancestors of a wanted code are wanted too: the tree is kept.
  const keep = new Set<string>();
  for (const key of wanted) {
    for (let k: string | null | undefined = key, depth = 0; k && byKey.has(k) && !keep.has(k) && depth < 1000; depth++) {
      keep.add(k);
      k = byKey.get(k)!.parentKey;
    }
  }
  const plan: TagPlan = { create: [], keys: new Map(), changes: [] };
  // Names taken under each parent: existing siblings and those planned ("id:…" or "new:…" parents).
  const taken = new Map<string, Map<string, { id: string } | { index: number }>>();
  const siblings = (parent: string) => {
    let names = taken.get(parent);
    if (!names) {
      names = new Map();
      if (parent.startsWith('id:') || parent === 'top') {
        const parentId = parent === 'top' ? null : parent.slice(3);
        for (const t of codebook) if (!CODEBOOK_NESTS || parentOf(t) === parentId) names.set(nameKey(t.name), { id: t.id });
      }
      taken.set(parent, names);
    }
    return names;
  };
  const seenIncoming = new Map<string, Set<string>>();
  for (const t of declared) {
    if (t.key === undefined || !keep.has(t.key)) continue;
    const parentRef = t.parentKey && CODEBOOK_NESTS ? plan.keys.get(t.parentKey) : undefined;
    const parent = parentRef === undefined ? 'top' : 'id' in parentRef ? `id:${parentRef.id}` : `new:${parentRef.index}`;
    let name = clipName(t.name);
    if (name === '') continue;
    if (name !== t.name.trim()) {
      plan.changes.push({
        what: `Tag “${shortened(t.name.trim())}” was named “${shortened(name)}”`,
        why: `its name has ${[...t.name.trim()].length} characters; a tag name holds at most ${MAX_TAG_NAME_LENGTH}`,
      });
    }
    // The same name twice under one parent in the file: two codes, so two tags, the second renamed.
    const incoming = seenIncoming.get(parent) ?? new Set<string>();
    seenIncoming.set(parent, incoming);
    if (incoming.has(nameKey(name))) {
      const base = name;
      for (let n = 2; incoming.has(nameKey(name)) || siblings(parent).has(nameKey(name)); n++) {
        name = clipName(`${base.slice(0, MAX_TAG_NAME_LENGTH - 8)} (${n})`);
      }
      plan.changes.push({
        what: `A second code “${base}” became the tag “${name}”`,
        why: CODEBOOK_NESTS
          ? 'the file has two different codes of that name under the same parent; a codebook holds each name once among siblings, and merging them would mix their passages'
          : 'the file has two different codes of that name; this codebook holds each name once, and merging them would mix their passages',
      });
    }
    incoming.add(nameKey(name));
    const existing = siblings(parent).get(nameKey(name));
    if (existing !== undefined) {
      plan.keys.set(t.key, existing);
      continue;
    }
    const description = (t.description ?? '').slice(0, MAX_TAG_DESCRIPTION_LENGTH);
    if ((t.description ?? '').length > MAX_TAG_DESCRIPTION_LENGTH) {
      plan.changes.push({
        what: `The description of tag “${shortened(name)}” was cut to ${MAX_TAG_DESCRIPTION_LENGTH} characters`,
        why: `it has ${t.description!.length}; a tag description holds at most ${MAX_TAG_DESCRIPTION_LENGTH}`,
      });
    }
    const tag: NewTag = { name, color: colour(t), description };
    if (parentRef !== undefined) {
      if ('id' in parentRef) tag.parentId = parentRef.id;
      else tag.parentIndex = parentRef.index;
    }
    const ref = { index: plan.create.length };
    plan.create.push(tag);
    plan.keys.set(t.key, ref);
    siblings(parent).set(nameKey(name), ref);
  }
  return plan;
}
