// `glossator suggest`: the suggestions the app would show, printed (never written as passages), as a table or one JSON array.
import type { Method, Args, Results } from '../shared/contract';
import type { Suggestion } from '../shared/suggestions';
import type { Tag } from '../shared/types';
import { printable } from './print';
import { UsageError, type Out, type Values } from './options';

type Call = <M extends Method>(method: M, args: Args<M>) => Promise<Results[M]>;

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Tags named by id or name (case-insensitive); none named: the tags whose suggestions are switched on. */
function tagIdsOf(names: string[], tags: readonly Tag[]): string[] | undefined {
  if (names.length === 0) return undefined;
  return names.map((name) => {
    const tag = tags.find((t) => t.id === name || t.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (!tag) throw new UsageError(`Unknown tag "${name}". Tags: ${tags.map((t) => t.name).join(', ')}.`);
    return tag.id;
  });
}

/** The JSON shape promised by issue 16: offsets in UTF-16 code units, `tag` the tag's id. */
function jsonOf(s: Suggestion): { docId: string; start: number; end: number; exact: string; tag: string; score: number; cues: string[] } {
  return { docId: s.docId, start: s.start, end: s.end, exact: s.exact, tag: s.tag, score: s.score, cues: s.cues };
}

export async function runSuggest(call: Call, values: Values, out: Out): Promise<void> {
  const docs = await call('listDocuments', {});
  const tags = await call('listTags', {});
  const wanted = list(values.docs);
  const unknown = wanted.filter((d) => !docs.some((x) => x.id === d));
  if (unknown.length > 0) throw new UsageError(`Unknown document: ${unknown.join(', ')}. See \`glossator list\`.`);
  const tagIds = tagIdsOf(list(values.tags), tags);
  const all: Suggestion[] = [];
  for (const doc of docs) {
    if (wanted.length > 0 && !wanted.includes(doc.id)) continue;
    // A long document answers in slices: ask from where the last one ended until it is complete.
    let answer = await call('getSuggestions', tagIds ? { docId: doc.id, tagIds } : { docId: doc.id });
    all.push(...answer.suggestions);
    while (!answer.complete) {
      answer = await call('getSuggestions', { docId: doc.id, from: answer.next, ...(tagIds ? { tagIds } : {}) });
      all.push(...answer.suggestions);
    }
  }
  if (values.json) {
    out.write(`${JSON.stringify(all.map(jsonOf))}\n`);
    return;
  }
  const names = new Map(tags.map((t) => [t.id, t.name]));
  for (const s of all) {
    const why = s.cues.length > 0 ? `cues: ${s.cues.join(', ')}` : s.like > 0 ? `like ${s.like} of your ${names.get(s.tag) ?? s.tag} passages` : s.source;
    const text = s.exact.length > 120 ? `${s.exact.slice(0, 119)}…` : s.exact;
    out.write(`${printable(s.docId)}  ${s.start}-${s.end}  ${printable(names.get(s.tag) ?? s.tag)}  ${s.score.toFixed(2)}  ${printable(text)}  (${printable(why)})\n`);
  }
  out.write(`${all.length} suggestion${all.length === 1 ? '' : 's'}; none was written. Accept them in the app.\n`);
}
