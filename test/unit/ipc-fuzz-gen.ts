// Seeded generator of malformed IPC calls for ipc-fuzz.test.ts: junk, near-misses, hostile ids and paths, pollution payloads.
import { METHODS, type Method } from '../../src/shared/contract';
import { mulberry32 } from '../../scripts/prng';

export { mulberry32 };

export const DOC = '000_4ab67b766fb33eed';
/** Methods that change nothing: the only ones a random call may succeed at. */
export const READS: ReadonlySet<string> = new Set([
  'getAppInfo', 'listDocuments', 'listCorpusProblems', 'getDocument', 'listTags', 'listAnnotations', 'buildDigest', 'getCharts',
  'listPassages', 'search', 'getCoverage', 'getSettings', 'listCorpora', 'listReview', 'listDamaged', 'listMemos', 'searchMemos', 'getMemoDamage',
  'getUndoHistory',
  'getSyncStatus', 'listConflicts',
  'getCoder', 'listCoders', 'listLayerPassages', 'chooseProjectFolder',
  'getSuggestions', 'getLocalModel', 'getSuggestTags', 'testLocalModel',
]);

const HUGE = { k64: 'x'.repeat(65_536), m1: 'y'.repeat(1_000_000), m5: 'z'.repeat(5_000_000) };
const NUMBERS = [-1, -0, 0.5, 1.5, -1e-9, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, 1e308, -2_147_483_649, 2 ** 53];
/** Ids that name nothing, or try to name something outside the data: never a real document, passage or tag. */
export const BAD_IDS = [
  'nope', '../../etc/passwd', '..', '.', '/', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  '%2e%2e%2f', '..\\..\\windows', 'C:\\Windows', '\u0000', 'x'.repeat(200), `${DOC}/../${DOC}`, DOC.toUpperCase(),
  ` ${DOC}`, 'corpora/default', 'settings.json', '🙂', '\ud800', 'a\nb', '*', '$where',
];
/** Folder paths for openCorpus/importDocument: relative, files, missing; never an existing folder (that would open it). */
export const BAD_PATHS = [
  '../../etc', '..', 'corpus', './', '~', '/etc/passwd', '/etc/passwd/..', '/dev/null', '/nonexistent-glossator/../../etc',
  '/nonexistent-glossator', 'C:\\Windows\\System32', '\\\\server\\share', 'file:///etc', '/proc/self/environ/x', '\u0000/etc',
];
const POLLUTION_JSON = [
  '{"__proto__":{"polluted":"yes","isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"docId":"nope","__proto__":{"polluted":"yes"}}',
  '{"options":{"__proto__":{"polluted":"yes"},"groupBy":"tag"}}',
  '{"changes":[{"__proto__":{"polluted":"yes"},"docId":"nope","annotationId":"x","tagIds":[]}]}',
  '{"tag":{"__proto__":{"polluted":"yes"},"id":"__proto__","parentId":"__proto__","order":0}}',
  '{"__proto__":[]}',
  '{"prototype":{"polluted":"yes"},"constructor":"x"}',
  '{"theme":"__proto__","panes":{"__proto__":{"left":300}}}',
];
const KEYS = ['docId', 'annotationId', 'tagId', 'tagIds', 'start', 'end', 'exact', 'note', 'options', 'format', 'path', 'name',
  'color', 'query', 'blocks', 'read', 'theme', 'changes', 'annotation', 'tag', 'index', 'base64', 'admin', 'then', 'length', '0'];

export class FuzzGen {
  private readonly random: () => number;
  private readonly deep: unknown[];
  constructor(seed: number) {
    this.random = mulberry32(seed);
    // Built once: nesting 5,000 deep as objects, arrays and a mix.
    let o: unknown = 'bottom';
    let a: unknown = 'bottom';
    let m: unknown = 'bottom';
    for (let i = 0; i < 5_000; i++) [o, a, m] = [{ a: o }, [a], i % 2 ? { docId: m } : [m]];
    this.deep = [o, a, m];
  }
  int = (n: number): number => Math.floor(this.random() * n);
  chance = (p: number): boolean => this.random() < p;
  pick = <T>(items: readonly T[]): T => items[this.int(items.length)]!;

  /** A random string that is never an absolute path (an existing folder would be opened as a corpus). */
  string(): string {
    const r = this.int(10);
    if (r === 0) return this.pick(Object.values(HUGE));
    if (r === 1) return this.pick(BAD_IDS);
    if (r === 2) return this.pick(['', ' ', '\t', '<script>alert(1)</script>', "'; DROP TABLE tags;--", '${7*7}', '%s%n', '\u202e']);
    const alphabet = 'abcXYZ019 ._-/\\%$#<>"\'\u00e9\u0627\u4e2d\ud83d\ude00\u0000';
    const s = Array.from({ length: this.int(40) }, () => alphabet[this.int(alphabet.length)]).join('');
    return /^[/\\]|^[A-Za-z]:/.test(s) ? `x${s}` : s;
  }

  /** Any value structured clone could carry over IPC, nested up to `depth`. */
  junk(depth = 3): unknown {
    const r = this.int(depth > 0 ? 14 : 10);
    switch (r) {
      case 0: return null;
      case 1: return undefined;
      case 2: return this.chance(0.5);
      case 3: return this.pick(NUMBERS);
      case 4: return this.int(2_000_000) - 1_000_000;
      case 5: case 6: return this.string();
      case 7: return this.pick([new Date(NaN), new Uint8Array(8), 10n, /x/g, new Map([['docId', DOC]]), new Set([1])]);
      case 8: return this.pick(this.deep);
      case 9: return JSON.parse(this.pick(POLLUTION_JSON)) as unknown;
      case 10: case 11: return Array.from({ length: 1 + this.int(4) }, () => this.junk(depth - 1));
      default: return Object.fromEntries(Array.from({ length: this.int(5) }, () => [this.pick(KEYS), this.junk(depth - 1)]));
    }
  }

  methodName(): unknown {
    const real = this.pick(METHODS);
    return this.pick<unknown>([
      this.string(), real.toLowerCase(), `${real} `, `glossator:${real}`, `${real}Admin`, real.slice(1), '__proto__',
      'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', null, undefined, 42, {}, [real], true,
    ]);
  }

  /** A payload of the right shape whose ids, offsets or paths are wrong, so no write can succeed. */
  validLooking(method: Method): unknown {
    const id = () => this.pick(BAD_IDS);
    const doc = () => (this.chance(0.3) ? DOC : id());
    const tags = () => (this.chance(0.5) ? ['cooperation'] : [id()]);
    const options = () => ({
      groupBy: this.pick(['tag', 'document']), tagIds: tags(), docIds: [doc()], text: this.string().slice(0, 500),
      includeNotes: this.chance(0.5), hashtags: this.chance(0.5), bom: this.chance(0.5),
    });
    const annotation = () => ({
      id: id(), docId: id(),
      target: { position: { start: 0, end: 5 }, quote: { exact: 'hello', prefix: '', suffix: '' }, contentHash: 'h' },
      tagIds: tags(), note: '', created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z',
    });
    const defect = this.int(4);
    switch (method) {
      case 'getDocument': case 'listAnnotations': case 'getCoverage': return { docId: doc() };
      case 'createAnnotation':
        // On the real document, always one defect: offsets past the end or reversed, a wrong quote, an unknown tag.
        return {
          docId: this.chance(0.5) ? DOC : id(), start: defect === 0 ? 9_999_999 : 50, end: defect === 1 ? 10 : 60,
          exact: defect === 2 ? 'not the text' : 'x'.repeat(10), tagIds: defect === 3 ? [id()] : tags(),
          note: this.string().slice(0, 100),
        };
      case 'updateAnnotation': return { docId: doc(), annotationId: id(), tagIds: tags(), note: 'n' };
      // A name that is empty or too long, or a colour that is not #rrggbb: never a valid identity.
      // Both fields wrong: one mutated key (a junk string for the name) must still leave the call invalid.
      case 'setCoder': return { name: this.pick(['', '   ', 'x'.repeat(101)]), color: this.pick(['red', '#12345', '#1234567', '#0072b']) };
      case 'saveAsProject': return { token: this.pick(BAD_PATHS) };
      case 'listLayerPassages': return { docId: doc(), layer: this.pick(['all', 'adjudicated', { coderId: id() }, 'mine']) };
      case 'deleteAnnotation': case 'confirmMove': return { docId: doc(), annotationId: id() };
      case 'reattach': return { docId: doc(), annotationId: id(), start: 0, end: 5, exact: 'hello' };
      case 'restoreAnnotation': return { annotation: annotation() };
      case 'setPassageTags': return { changes: [{ docId: doc(), annotationId: id(), tagIds: tags() }] };
      case 'createTag':
        return { name: this.pick(['', '   ', 'x'.repeat(201)]), color: this.pick(['red', '#12345', '#GGGGGG']), parentId: this.pick([undefined, null, id()]) };
      case 'updateTag': return { tagId: id(), name: 'renamed' };
      case 'mergeTags':
        return this.chance(0.5) ? { sourceId: 'cooperation', targetId: 'cooperation' } : { sourceId: id(), targetId: 'friction' };
      case 'deleteTag': return { tagId: id() };
      case 'restoreTag':
        return {
          tag: {
            id: this.pick(['cooperation', 'friction', '../x', '__proto__']),
            name: 'Back',
            color: '#112233',
            description: '',
            shortcut: null,
            parentId: this.pick([null, 'back', id()]),
            order: this.pick([0, 1, 2 ** 31, Number.NaN]),
          },
        };
      case 'listPassages': return { tagIds: tags() };
      case 'search':
        return { query: this.string().slice(0, 500), wholeWord: this.chance(0.5), caseSensitive: this.chance(0.5), diacriticSensitive: false };
      case 'setCoverage': return { docId: id(), blocks: [0, 1], read: true };
      case 'updateSettings':
        return this.pick([{ theme: 'neon' }, { panes: { left: 10, right: 5000 } }, { scroll: { docId: id(), block: -1 } }]);
      // Paths are refused whatever they name (issue 12); keys must be ones main listed.
      case 'openCorpus': return this.chance(0.5) ? { path: this.pick(BAD_PATHS) } : { key: this.pick(['c-0000000000000000', ...BAD_PATHS]) };
      case 'updateMetadata':
        return { docId: id(), title: 'Retitled', url: this.pick(['javascript:alert(1)', 'https://example.org/']) };
      case 'importDocument':
        return this.pick([
          { path: this.pick(BAD_PATHS) },
          { token: this.pick(BAD_PATHS) },
          { name: this.pick(['../../evil.txt', 'a.txt', '.bashrc']), base64: 'aGVsbG8=' },
        ]);
      case 'buildDigest': case 'getCharts': return { options: options() };
      case 'exportDigest':
        return { format: this.pick(['md', 'html', 'pdf', 'csv', 'jsonld', 'qdpx', 'qdc']), options: options() };
      case 'importAnnotations': return { format: this.pick(['jsonld', 'qdpx', 'qdc']) };
      // Memos on documents or tags that do not exist, journal entries that do not, malformed dates.
      case 'saveMemo':
        return this.pick([
          { subject: { kind: 'document', docId: id() }, text: 'memo' },
          { subject: { kind: 'tag', tagId: id() }, text: 'memo' },
          // Two defects, so that dropping the unknown entry's id still leaves one.
          { subject: { kind: 'journal' }, memoId: id(), text: 'x'.repeat(100_001) },
        ]);
      case 'deleteMemo': return { memoId: id() };
      case 'restoreMemo':
        return { memo: { id: id(), subject: { kind: 'journal' }, text: 'm', created: this.pick(['yesterday', '']), modified: '2026-01-01T00:00:00Z' } };
      case 'searchMemos':
        return { query: this.string().slice(0, 500), wholeWord: this.chance(0.5), caseSensitive: this.chance(0.5), diacriticSensitive: false };
      case 'getSuggestions': return { docId: doc(), tagIds: tags() };
      // A decision on text that is not there, or an unknown tag: refused before anything is recorded.
      case 'acceptSuggestion': case 'rejectSuggestion':
        return { docId: doc(), start: 50, end: 60, exact: 'not the text', tagId: tags()[0], score: 0.5, source: 'lexicon' };
      case 'undoSuggestionDecision': return { decisionId: id() };
      case 'updateSuggestTag': return { tagId: id(), threshold: 0.5, cues: ['may'] };
      case 'updateLocalModel': return { url: this.pick(['http://example.com/v1', 'http://10.0.0.1:11434', 'file:///etc/passwd', ...BAD_PATHS]) };
      default: return {};
    }
  }

  /** One change that breaks a shape: a key dropped, added or given junk, the object made an array. */
  mutate(payload: unknown): unknown {
    if (typeof payload !== 'object' || payload === null) return this.junk();
    const copy: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
    const keys = Object.keys(copy);
    switch (this.int(6)) {
      case 0: if (keys.length) delete copy[this.pick(keys)]; return copy;
      case 1:
        // defineProperty, so a "__proto__" key becomes an own property (as JSON.parse makes it), not the prototype.
        Object.defineProperty(copy, this.pick([...KEYS, '__proto__', 'constructor']), { value: this.junk(), enumerable: true });
        return copy;
      case 2: if (keys.length) copy[this.pick(keys)] = this.junk(); return copy;
      case 3: if (keys.length) copy[this.pick(keys)] = this.pick(NUMBERS); return copy;
      case 4: return [copy];
      default: if (keys.length) copy[this.pick(keys)] = this.pick(Object.values(HUGE)); return copy;
    }
  }

  pollution(): unknown {
    return JSON.parse(this.pick(POLLUTION_JSON)) as unknown;
  }
}
