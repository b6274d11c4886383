// Reads W3C Web Annotations (Glossator's, Recogito's, any tool's) and Hypothesis exports into passages to place.
//
// Accepted: an AnnotationCollection with its pages included (Web Annotation Data Model §5), an
// AnnotationPage, one Annotation, a plain list of annotations, a Hypothesis API search answer
// ({rows}) or a Hypothesis client export ({annotations}). Hypothesis is not W3C-shaped: tags in
// `tags`, the note in `text`, the page in `uri`, selectors under `target[].selector`.
//
// Tags come from bodies with purpose "tagging" (or "classifying"); every other textual body
// (commenting, describing, replying…) joins the note, separated by a blank line. A body without a
// purpose takes the annotation's motivation. HTML bodies are reduced to plain text here: nothing
// from a file is ever rendered or run as markup.
//
// Positions are passed on as found: W3C positions count code points (§4.2.4), Hypothesis's count
// UTF-16 units; the import service, which has the text, tells which reading puts the quote there.
import { Tokenizer } from 'htmlparser2';
import { MAX_NOTE_LENGTH } from '../../shared/limits';
import { GlossatorError } from '../../shared/result';
import type { ImportChange } from '../../shared/types';
import type { IncomingCreator, IncomingMemo, IncomingPassage, IncomingTag, ParsedImport } from './types';
import { isMemoAnnotation, readMemoAnnotation } from './webanno-memos';

type Obj = Record<string, unknown>;
type Source = IncomingPassage['source'];

const EXPECTED =
  'Glossator reads W3C Web Annotation JSON (an Annotation, an AnnotationPage, an AnnotationCollection ' +
  'with its pages included, or a list of annotations) and Hypothesis exports.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A guard against pages that link back to each other. */
const MAX_PAGES = 100_000;
/** Choices inside choices: real files nest one or two; a deeper one is refused, never recursed into. */
export const MAX_CHOICE_DEPTH = 16;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const firstText = (v: unknown): string | undefined => listOf(v).find((x): x is string => typeof x === 'string');
const invalid = (message: string) => new GlossatorError('invalid-argument', `${message} ${EXPECTED}`);

export function parseWebAnnotation(json: string): ParsedImport {
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw invalid(`The file is not valid JSON (${(e as Error).message}).`);
  }
  const changes: ImportChange[] = [];
  const memos: IncomingMemo[] = [];
  const passages = annotationsIn(data).flatMap((item, i) => {
    // Glossator's own memos (webanno-memos.ts); one that does not read as a memo is read as any annotation.
    const memo = isMemoAnnotation(item) ? readMemoAnnotation(item, (source) => clean(sourceOf(source))) : null;
    if (memo) {
      memos.push(memo);
      return [];
    }
    try {
      return passagesOf(item, changes, i + 1);
    } catch (e) {
      // Name the annotation: the analyst has to find it in the file.
      if (e instanceof GlossatorError) throw new GlossatorError(e.code, `Annotation ${i + 1}: ${e.message}`);
      throw e;
    }
  });
  return { tags: tagsOf(passages), passages, changes, ...(memos.length > 0 ? { memos } : {}) };
}

// ---- finding the annotations ------------------------------------------------------------------

/** `type` (or `@type`) includes the class, written plainly, as a CURIE or as a full IRI. */
function hasType(o: Obj, ...names: string[]): boolean {
  const types = listOf(o.type ?? o['@type']).filter((t): t is string => typeof t === 'string');
  return types.some((t) => names.some((n) => t === n || t.endsWith(`:${n}`) || t.endsWith(`#${n}`) || t.endsWith(`/${n}`)));
}

function annotationsIn(data: unknown): Obj[] {
  if (Array.isArray(data)) return data.map((item, i) => requireAnnotation(item, `Item ${i + 1} of the list`));
  if (!isObj(data)) throw invalid(`The file holds ${data === null ? 'null' : `a ${typeof data}`}, not annotations.`);
  if (hasType(data, 'AnnotationCollection', 'OrderedCollection')) return collectionItems(data);
  // An untyped object with `items` is read as a page, as some tools write one without its type.
  if (hasType(data, 'AnnotationPage', 'OrderedCollectionPage') || Array.isArray(data.items)) return pageItems(data);
  if (Array.isArray(data.rows)) return data.rows.map((item, i) => requireAnnotation(item, `Row ${i + 1}`));
  if (Array.isArray(data.annotations)) {
    return data.annotations.map((item, i) => requireAnnotation(item, `Annotation ${i + 1}`));
  }
  return [requireAnnotation(data, 'The file')];
}

function requireAnnotation(item: unknown, what: string): Obj {
  if (isObj(item) && (hasType(item, 'Annotation') || 'target' in item || typeof item.uri === 'string')) return item;
  throw invalid(`${what} is not an annotation: it has no type "Annotation" and no target.`);
}

function collectionItems(collection: Obj): Obj[] {
  const first = collection.first;
  if (isObj(first)) return pageItems(first);
  if (typeof first === 'string') {
    throw invalid(`The collection's annotations are on pages kept elsewhere (${first}), not in this file.`);
  }
  // Not the model's shape (§5.1 lists annotations only on pages), but some tools write it.
  if (Array.isArray(collection.items)) return collection.items.map((item, i) => requireAnnotation(item, `Item ${i + 1}`));
  if (collection.total === undefined || collection.total === 0) return [];
  throw invalid('The collection says it holds annotations but includes no page of them.');
}

/** Items of a page and of every page embedded after it through `next`. */
function pageItems(start: Obj): Obj[] {
  const items: Obj[] = [];
  let page: unknown = start;
  for (let n = 1; page !== undefined && page !== null; n++) {
    if (!isObj(page) || n > MAX_PAGES) {
      throw invalid(`Page ${n} of the annotations is not in this file (${typeof page === 'string' ? page : 'no page'}).`);
    }
    if (!Array.isArray(page.items)) throw invalid(`Page ${n} of the annotations has no list of items.`);
    page.items.forEach((item, i) => items.push(requireAnnotation(item, `Item ${i + 1} of page ${n}`)));
    page = page.next;
  }
  return items;
}

// ---- one annotation ---------------------------------------------------------------------------

/** One passage per target (§3.2.6: each body applies to each target on its own); a Composite or List target gives one per item. */
function passagesOf(item: Obj, changes: ImportChange[], n: number): IncomingPassage[] {
  const tagNames: string[] = [];
  const notes: string[] = [];
  const defaultRole = listOf(item.motivation).some((m) => m === 'tagging' || m === 'oa:tagging') ? 'tag' : 'note';
  // Hypothesis keeps tags and the note on the annotation itself.
  for (const tag of listOf(item.tags)) if (typeof tag === 'string') tagNames.push(tag);
  if (typeof item.text === 'string') notes.push(item.text);
  if (typeof item.bodyValue === 'string') (defaultRole === 'tag' ? tagNames : notes).push(item.bodyValue);
  for (const body of listOf(item.body)) readBody(body, defaultRole, tagNames, notes);

  const id = idOf(item.id ?? item['@id']);
  const note = notes.filter((n) => n.trim() !== '').join('\n\n');
  const created = text(item.created);
  const modified = text(item.modified) ?? text(item.updated);
  // Hypothesis names the page on the annotation; W3C names it on each target.
  const pageHints: Source = { uri: text(item.uri), title: isObj(item.document) ? firstText(item.document.title) : undefined };
  const creator = creatorOf(item);
  const shared = { tagNames: uniqueNames(tagNames), note, created, modified, ...(creator ? { creator } : {}) };
  const targets = expandTargets(listOf(item.target), changes, n);
  if (targets.length === 0) {
    const why = 'it has no target: a note on the page as a whole (Hypothesis "page note") or a reply, which marks no text';
    return [{ id, source: clean(pageHints), quote: { exact: '' }, unquotable: why, ...shared, ...sourceKeyOf(pageHints) }];
  }
  const reply = listOf(item.references).length > 0;
  return targets.map((target, i) => {
    const read = readTarget(target);
    const { source, quote, position } = read;
    // Hypothesis replies carry their thread's page as target and the annotations they answer in `references`.
    const unquotable = reply && read.unquotable ? 'it is a reply to another annotation, not a note on a passage' : read.unquotable;
    const hints = { ...clean(pageHints), ...clean(source) };
    // Several targets from one annotation become several passages; only the first keeps the id.
    return {
      ...(i === 0 ? { id } : {}),
      source: hints,
      quote,
      ...(position ? { position } : {}),
      ...(unquotable ? { unquotable } : {}),
      ...shared,
      ...sourceKeyOf(hints),
    };
  });
}

/** Passages naming one document address share a key, so the import service finds that document once for all of them. */
function sourceKeyOf(hints: Source): { sourceKey?: string } {
  const key = hints.uri ?? hints.fileName ?? hints.title;
  return key === undefined ? {} : { sourceKey: key.trim() };
}

/**
 * §3.2.8: a Composite (all items together), List (in order) or Independents target names several
 * resources. Glossator's passages are one span each, so every item becomes a passage of its own, and
 * the report says so, item by item, for a Composite or List (whose parts belonged together).
 */
function expandTargets(targets: unknown[], changes: ImportChange[], n: number): unknown[] {
  return targets.flatMap((target) => {
    if (!isObj(target) || !hasType(target, 'Composite', 'List', 'Independents')) return [target];
    const items = listOf(target.items);
    const kind = hasType(target, 'Composite') ? 'Composite' : hasType(target, 'List') ? 'List' : 'Independents';
    if (kind !== 'Independents') {
      items.forEach((part, i) => {
        const quote = isObj(part) ? flattenSelectors(part.selector).find((s) => hasType(s, 'TextQuoteSelector')) : undefined;
        const exact = typeof quote?.exact === 'string' ? ` “${shortQuote(quote.exact)}”` : '';
        changes.push({
          what: `Annotation ${n}: part ${i + 1} of ${items.length} of its ${kind} target${exact} became a passage of its own`,
          why: `a ${kind} target marks several pieces of text as one annotation; a Glossator passage is one span of text`,
        });
      });
    }
    return items;
  });
}

const shortQuote = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
};

/** W3C `creator` (an IRI, or an Agent with name/nickname; the first of a list), else Hypothesis `user` and its display name. */
function creatorOf(item: Obj): IncomingCreator | undefined {
  const agent = listOf(item.creator)[0];
  if (typeof agent === 'string' && agent.trim() !== '') return { id: agent.trim() };
  if (isObj(agent)) {
    const id = text(agent.id) ?? text(agent['@id']);
    const name = firstText(agent.name) ?? firstText(agent.nickname) ?? text(agent.email);
    if (id || name) return { ...(id ? { id } : {}), ...(name ? { name } : {}) };
  }
  const user = text(item.user);
  if (user === undefined || user.trim() === '') return undefined;
  const display = isObj(item.user_info) ? text(item.user_info.display_name) : undefined;
  // "acct:alice@hypothes.is" reads as "alice" when Hypothesis gives no display name.
  const name = display?.trim() || /^acct:([^@]+)@/.exec(user)?.[1];
  return { id: user, ...(name ? { name } : {}) };
}

function readBody(choice: unknown, defaultRole: 'tag' | 'note', tags: string[], notes: string[]): void {
  // §3.2.7: of a Choice, the first item is the default option. A loop, so depth costs no stack.
  let body = choice;
  for (let depth = 0; isObj(body) && hasType(body, 'Choice'); depth++) {
    if (depth === MAX_CHOICE_DEPTH) {
      throw invalid(`Its body nests a Choice within a Choice more than ${MAX_CHOICE_DEPTH} levels deep.`);
    }
    body = listOf(body.items)[0];
  }
  // An external body (only an IRI) cannot be copied in; its address is kept in the note.
  if (typeof body === 'string') return void notes.push(body);
  if (!isObj(body)) return;
  const purposes = listOf(body.purpose).filter((p): p is string => typeof p === 'string');
  const role = purposes.length === 0 ? defaultRole : purposes.some(isTagging) ? 'tag' : 'note';
  if (typeof body.value === 'string') {
    const formats = listOf(body.format).filter((f): f is string => typeof f === 'string');
    const value = formats.some((f) => /html/i.test(f)) ? htmlToText(body.value) : body.value;
    (role === 'tag' ? tags : notes).push(value);
    return;
  }
  const iri = text(body.source) ?? (isObj(body.source) ? text(body.source.id) : undefined) ?? text(body.id);
  if (iri !== undefined) notes.push(iri);
}

const isTagging = (p: string) => /(^|[:#])(tagging|classifying)$/.test(p);

function readTarget(target: unknown): Pick<IncomingPassage, 'source' | 'quote' | 'position' | 'unquotable'> {
  if (typeof target === 'string') {
    return { source: { uri: target }, quote: { exact: '' }, unquotable: 'its target is a whole document (an address with no selector), not a passage in it' };
  }
  if (!isObj(target)) return { source: {}, quote: { exact: '' }, unquotable: 'its target is not an object Glossator can read' };
  const selectors = flattenSelectors(target.selector);
  const tqs = selectors.find((s) => hasType(s, 'TextQuoteSelector') && typeof s.exact === 'string');
  const quote = tqs
    ? { exact: tqs.exact as string, prefix: text(tqs.prefix) ?? '', suffix: text(tqs.suffix) ?? '' }
    : { exact: '' };
  const position = positionIn(selectors);
  const source = sourceOf(target.source ?? (target.selector === undefined ? target.id : undefined));
  const unquotable = tqs && (tqs.exact as string).trim() !== '' ? undefined : whyNoQuote(selectors, position);
  return { source, quote, position, ...(unquotable ? { unquotable } : {}) };
}

/** Why a target quoting no text cannot be placed, naming what it does give. */
function whyNoQuote(selectors: Obj[], position: { start: number; end: number } | undefined): string {
  const named = (type: string) => selectors.some((s) => hasType(s, type));
  if (selectors.length === 0) {
    return 'its target has no selector: a note on the whole page (a Hypothesis page note), not on a passage in it';
  }
  if (position) {
    return `its target gives only a character position (${position.start}–${position.end}) and no quote, so nothing checks that those characters are the same words in this corpus's text`;
  }
  const kinds = [
    ['RangeSelector', 'a Range between two points in the page'],
    ['XPathSelector', 'an XPath into the page\'s HTML'],
    ['CssSelector', 'a CSS selector into the page\'s HTML'],
    ['FragmentSelector', 'a URL fragment'],
    ['SvgSelector', 'an SVG shape (an area of an image)'],
    ['DataPositionSelector', 'a byte position in the file'],
  ] as const;
  const found = kinds.filter(([type]) => named(type)).map(([, words]) => words);
  if (found.length === 0) return 'its target\'s selector is of a kind Glossator does not read, and it quotes no text';
  return `its target points by ${found.join(' and ')}, which depend on the original page's markup, and it quotes no text to find in this corpus's reading text`;
}

/** Selectors given as alternatives, plus those refining them (§4.2.9), in order. */
function flattenSelectors(value: unknown, depth = 0): Obj[] {
  if (depth > 8) return [];
  return listOf(value).flatMap((s) => (isObj(s) ? [s, ...flattenSelectors(s.refinedBy, depth + 1)] : []));
}

function positionIn(selectors: Obj[]): { start: number; end: number } | undefined {
  const ok = (start: unknown, end: unknown) =>
    Number.isSafeInteger(start) && Number.isSafeInteger(end) && (start as number) >= 0 && (start as number) < (end as number);
  const tps = selectors.find((s) => hasType(s, 'TextPositionSelector') && ok(s.start, s.end));
  if (tps) return { start: tps.start as number, end: tps.end as number };
  // RFC 5147 plain-text fragments ("char=10,20") also count characters.
  for (const s of selectors) {
    const m = hasType(s, 'FragmentSelector') && typeof s.value === 'string' ? /^char=(\d+),(\d+)$/.exec(s.value) : null;
    if (m && ok(Number(m[1]), Number(m[2]))) return { start: Number(m[1]), end: Number(m[2]) };
  }
  return undefined;
}

/** The target's source: an IRI, or an object with an id and (from Glossator) title and file name. */
function sourceOf(source: unknown): Source {
  if (typeof source === 'string') return { uri: source };
  if (!isObj(source)) return {};
  const title = ['dcterms:title', 'dc:title', 'title', 'label'].map((k) => firstText(source[k])).find(Boolean);
  return { uri: text(source.id) ?? text(source['@id']), title, fileName: firstText(source['dcterms:identifier']) };
}

const clean = (s: Source): Source =>
  Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));

/** Our ids travel as "urn:uuid:…"; Recogito writes "#<uuid>". Anything else gets a fresh id on import. */
function idOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const bare = value.replace(/^urn:uuid:/i, '').replace(/^.*#/, '');
  return UUID.test(bare) ? bare : undefined;
}

const keyOf = (name: string) => name.trim().normalize('NFC').toLowerCase();

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, string>();
  for (const n of names) if (n.trim() !== '' && !seen.has(keyOf(n))) seen.set(keyOf(n), n.trim());
  return [...seen.values()];
}

function tagsOf(passages: IncomingPassage[]): IncomingTag[] {
  return uniqueNames(passages.flatMap((p) => p.tagNames)).map((name) => ({ name }));
}

// ---- HTML bodies ------------------------------------------------------------------------------

/**
 * An HTML body longer than this is refused: a note holds at most MAX_NOTE_LENGTH characters, so a
 * body this size is not a note, and refusing it keeps one file from holding the import up.
 */
export const MAX_HTML_BODY = 500_000;

/** Elements whose content is not text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'template']);
/** Elements that end a paragraph: a blank line after them keeps paragraphs apart in the note. */
const BLOCKS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'pre']);

/**
 * Text of an HTML fragment: scripts, styles and comments dropped, tags removed, entities decoded.
 *
 * htmlparser2's Tokenizer reads the input once, left to right, keeping no element stack (its
 * Parser keeps one and shifts it per tag, which costs the square of the nesting depth); the old
 * regular expressions rescanned the rest of the input at every "<!--" or "<script", which cost
 * the square of the length. Nothing here builds a DOM, so nesting depth costs nothing either.
 */
export function htmlToText(html: string): string {
  if (html.length > MAX_HTML_BODY) {
    throw invalid(
      `An HTML body holds ${html.length.toLocaleString('en')} characters; Glossator reads bodies of at most ` +
        `${MAX_HTML_BODY.toLocaleString('en')} (a note holds at most ${MAX_NOTE_LENGTH.toLocaleString('en')}).`,
    );
  }
  const parts: string[] = [];
  let hidden = 0;
  let tag = '';
  const name = (start: number, end: number) => html.slice(start, end).toLowerCase();
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext: (start, end) => void (hidden === 0 && parts.push(html.slice(start, end))),
      ontextentity: (codepoint) => void (hidden === 0 && parts.push(String.fromCodePoint(codepoint))),
      onopentagname: (start, end) => void (tag = name(start, end)),
      onopentagend: () => {
        if (HIDDEN.has(tag)) hidden += 1;
        else if (hidden === 0 && tag === 'br') parts.push('\n');
        // "<p>one<p>two" closes nothing, yet shows two paragraphs.
        else if (hidden === 0 && BLOCKS.has(tag)) parts.push('\n\n');
      },
      onselfclosingtag: () => {
        if (tag === 'br' && hidden === 0) parts.push('\n');
      },
      onclosetag: (start, end) => {
        const closing = name(start, end);
        if (HIDDEN.has(closing)) hidden = Math.max(0, hidden - 1);
        else if (hidden === 0 && BLOCKS.has(closing)) parts.push('\n\n');
        else if (hidden === 0 && closing === 'br') parts.push('\n');
      },
      onattribdata: () => {},
      onattribentity: () => {},
      onattribend: () => {},
      onattribname: () => {},
      oncdata: () => {},
      oncomment: () => {},
      ondeclaration: () => {},
      onend: () => {},
      onprocessinginstruction: () => {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  const lines = parts.join('').split('\n').map(trimEndSpaces);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** A loop, not /[ \t]+$/: that pattern rescans a long run of spaces from each of its starts. */
function trimEndSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end -= 1;
  return line.slice(0, end);
}
