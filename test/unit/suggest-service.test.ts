// Suggestions through the core's boundary and the CLI: accept/reject/undo, rejection memory, settings, no writes, the local model.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { main } from '../../src/cli/main';
import { askLocalModel, loopbackUrl, testLocalModel } from '../../src/main/suggest/local-model';
import { checkCues } from '../../src/shared/suggestions';
import { splitSentences } from '../../src/main/suggest/sentences';
import { defaultThresholdOf } from '../../src/main/core/suggestion-service';
import { call, SEED_CORPUS, value, refused } from './support/core-harness';

const DOC = '000_4ab67b766fb33eed';
let dir: string;
let core: Core;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossator-suggest-'));
  core = await createCore({ dataDir: dir, corpusDir: SEED_CORPUS });
});
afterEach(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

async function passagesOf(docId: string) {
  return value(call(core, 'listAnnotations', { docId }));
}

describe('suggestions through the core', () => {
  it('proposes cold from the lexicons, with expected precision from the eval set, and writes nothing', async () => {
    const list = await value(call(core, 'getSuggestions', { docId: DOC }));
    expect(list.suggestions.length).toBeGreaterThan(10);
    const hedging = list.tags.find((t) => t.tagId === 'hedging')!;
    expect(hedging).toMatchObject({ enabled: true, threshold: 0.5, source: 'lexicon', defaultCues: true });
    expect(hedging.expectedPrecision).toBeGreaterThan(0.5);
    const { text } = await value(call(core, 'getDocument', { docId: DOC }));
    for (const s of list.suggestions) expect(text.slice(s.start, s.end)).toBe(s.exact);
    expect(await passagesOf(DOC)).toEqual([]);
    await core.flush();
    expect(await readdir(dir).catch(() => [])).not.toContain('corpora');
  });

  it('accept makes a passage with the tag; undo deletes it; reject is remembered by text and tag; undo forgets it', async () => {
    const list = await value(call(core, 'getSuggestions', { docId: DOC, tagIds: ['hedging'] }));
    const [first, second] = list.suggestions;
    const ref = (s: typeof first) => ({ docId: s!.docId, start: s!.start, end: s!.end, exact: s!.exact, tagId: s!.tag, score: s!.score, source: s!.source });
    const accepted = await value(call(core, 'acceptSuggestion', ref(first)));
    expect(accepted.kind).toBe('accept');
    const passages = await passagesOf(DOC);
    expect(passages).toHaveLength(1);
    expect(passages[0]).toMatchObject({ id: accepted.annotationId, tagIds: ['hedging'], range: { start: first!.start, end: first!.end } });
    // An accepted sentence is covered by its passage now: not proposed again.
    const after = await value(call(core, 'getSuggestions', { docId: DOC, tagIds: ['hedging'] }));
    expect(after.suggestions.some((s) => s.start === first!.start)).toBe(false);

    const rejected = await value(call(core, 'rejectSuggestion', ref(second)));
    const again = await value(call(core, 'getSuggestions', { docId: DOC }));
    expect(again.suggestions.some((s) => s.start === second!.start && s.tag === 'hedging')).toBe(false);
    expect(await passagesOf(DOC)).toHaveLength(1);

    await value(call(core, 'undoSuggestionDecision', { decisionId: rejected.id }));
    expect((await value(call(core, 'getSuggestions', { docId: DOC }))).suggestions.some((s) => s.start === second!.start && s.tag === 'hedging')).toBe(true);
    await value(call(core, 'undoSuggestionDecision', { decisionId: accepted.id }));
    expect(await passagesOf(DOC)).toEqual([]);
    await refused(call(core, 'undoSuggestionDecision', { decisionId: accepted.id }), 'not-found');
  });

  it('remembers rejections across restarts (stored per corpus)', async () => {
    const [s] = (await value(call(core, 'getSuggestions', { docId: DOC, tagIds: ['friction'] }))).suggestions;
    await value(call(core, 'rejectSuggestion', { docId: DOC, start: s!.start, end: s!.end, exact: s!.exact, tagId: 'friction', score: s!.score, source: s!.source }));
    await core.close();
    core = await createCore({ dataDir: dir, corpusDir: SEED_CORPUS });
    const list = await value(call(core, 'getSuggestions', { docId: DOC, tagIds: ['friction'] }));
    expect(list.suggestions.some((x) => x.start === s!.start)).toBe(false);
    const stored = JSON.parse(await readFile(join(dir, 'corpora', 'default', 'suggestions', 'decisions.json'), 'utf8'));
    expect(stored.decisions[0]).toMatchObject({ kind: 'reject', tagId: 'friction', docId: DOC });
  });

  it('refuses a reject whose text is not the document text, and an accept on unknown tags', async () => {
    await refused(call(core, 'rejectSuggestion', { docId: DOC, start: 0, end: 5, exact: 'wrong', tagId: 'hedging', score: 0.5, source: 'lexicon' }), 'invalid-argument');
    await refused(call(core, 'getSuggestions', { docId: DOC, tagIds: ['nope'] }), 'invalid-argument');
  });

  it('per-tag toggle, threshold and lexicon edits change what is proposed', async () => {
    await value(call(core, 'updateSuggestTag', { tagId: 'cooperation', enabled: false }));
    let list = await value(call(core, 'getSuggestions', { docId: DOC }));
    expect(list.suggestions.some((s) => s.tag === 'cooperation')).toBe(false);
    expect(list.tags.find((t) => t.tagId === 'cooperation')!.enabled).toBe(false);

    const before = list.suggestions.filter((s) => s.tag === 'hedging').length;
    const state = await value(call(core, 'updateSuggestTag', { tagId: 'hedging', threshold: 0.75 }));
    expect(state.threshold).toBe(0.75);
    list = await value(call(core, 'getSuggestions', { docId: DOC }));
    const high = list.suggestions.filter((s) => s.tag === 'hedging');
    expect(high.length).toBeLessThan(before);
    for (const s of high) expect(s.score).toBeGreaterThanOrEqual(0.75);

    const edited = await value(call(core, 'updateSuggestTag', { tagId: 'friction', cues: ['trepidation', 'superficial'] }));
    expect(edited).toMatchObject({ cues: ['trepidation', 'superficial'], defaultCues: false });
    list = await value(call(core, 'getSuggestions', { docId: DOC, tagIds: ['friction'] }));
    expect(list.suggestions.length).toBeGreaterThanOrEqual(2);
    for (const s of list.suggestions) expect(s.cues.every((c) => /^(trepidations?|superficial)$/.test(c))).toBe(true);
    await refused(call(core, 'updateSuggestTag', { tagId: 'friction', cues: ['a b c d e f g'] }), 'invalid-argument');
    const reset = await value(call(core, 'updateSuggestTag', { tagId: 'friction', resetCues: true }));
    expect(reset.defaultCues).toBe(true);
  });

  it('defaults each threshold to where the expected precision reaches 0.8, shows it, and goes back to it', async () => {
    const list = await value(call(core, 'getSuggestions', { docId: DOC }));
    const state = (id: string) => list.tags.find((t) => t.tagId === id)!;
    // From the eval set's outcomes of the default lexicons (src/main/suggest/eval-prior.ts).
    expect(state('hedging')).toMatchObject({ threshold: 0.5, defaultThreshold: 0.5, customThreshold: false, reachesTarget: true });
    expect(state('cooperation')).toMatchObject({ threshold: 0.93, customThreshold: false, reachesTarget: true });
    expect(state('cooperation').expectedPrecision).toBeGreaterThanOrEqual(0.8);
    // Friction never reaches 0.8 cold: its default is its most precise level, and says so.
    expect(state('friction')).toMatchObject({ threshold: 0.75, reachesTarget: false });
    for (const s of list.suggestions) expect(s.score).toBeGreaterThanOrEqual(state(s.tag).threshold);
    expect(list.suggestions.length).toBeLessThan(20);

    // Turning a tag off and on does not pin its threshold; moving it does, and "default" unpins it.
    await value(call(core, 'updateSuggestTag', { tagId: 'cooperation', enabled: false }));
    expect(await value(call(core, 'updateSuggestTag', { tagId: 'cooperation', enabled: true }))).toMatchObject({ threshold: 0.93, customThreshold: false });
    expect(await value(call(core, 'updateSuggestTag', { tagId: 'cooperation', threshold: 0.5 }))).toMatchObject({ threshold: 0.5, customThreshold: true, defaultThreshold: 0.93 });
    expect(await value(call(core, 'updateSuggestTag', { tagId: 'cooperation', resetThreshold: true }))).toMatchObject({ threshold: 0.93, customThreshold: false });
  });

  it.each([
    // outcomes (score, label), default threshold, reaches 0.8
    [[], 0.5, false],
    [[[0.9, 1], [0.9, 1], [0.9, 1], [0.9, 1], [0.6, 1], [0.6, 0], [0.6, 0], [0.3, 0]], 0.9, true],
    [[[0.875, 1], [0.875, 1], [0.875, 1], [0.875, 0], [0.5, 0], [0.5, 1], [0.5, 0]], 0.87, false],
    [[[0.9, 0], [0.9, 0]], 0.5, false],
  ] as const)('defaultThresholdOf(%j) = %d', (outcomes, threshold, reaches) => {
    expect(defaultThresholdOf(outcomes.map(([score, label]) => ({ score, label: label as 0 | 1 })))).toEqual({ threshold, reaches });
  });

  it("learns the analyst's own tag from their passages", async () => {
    const tag = await value(call(core, 'createTag', { name: 'Energy', color: '#123456' }));
    const doc = await value(call(core, 'getDocument', { docId: DOC }));
    const list = await value(call(core, 'getSuggestions', { docId: DOC, tagIds: ['cooperation', 'friction', 'hedging'] }));
    expect(list.tags.find((t) => t.tagId === tag.id)).toMatchObject({ source: 'lexicon', cues: [] });
    // Six sentences about oil, energy and trade tagged with the new tag; the rest of the document is read and left untagged.
    const energy = splitSentences(doc.text, doc.blocks).filter((s) => /oil|energy|trade|export|commercial|price|sanction|econom/i.test(doc.text.slice(s.start, s.end)));
    expect(energy.length).toBeGreaterThanOrEqual(5);
    for (const s of energy) await value(call(core, 'createAnnotation', { docId: DOC, start: s.start, end: s.end, exact: doc.text.slice(s.start, s.end), tagIds: [tag.id] }));
    const learnt = await value(call(core, 'getSuggestions', { docId: '001_05282a48bb000cda', tagIds: [tag.id] }));
    const state = learnt.tags.find((t) => t.tagId === tag.id)!;
    expect(state.source).toBe('model');
    expect(state.positives).toBeGreaterThanOrEqual(5);
    for (const s of learnt.suggestions) expect(s.source).toBe('model');
  });
});

describe('local model server (off by default, loopback only)', () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];
  beforeEach(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url}`);
        const asked = JSON.parse(body) as { messages: { content: string }[] };
        const sentence = /Sentence: (.*)\n/.exec(asked.messages[1]!.content)?.[1] ?? '';
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ choices: [{ message: { content: /may|might|could/i.test(sentence) ? 'Yes.' : 'no' } }] }));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/v1`;
  });
  afterEach(async () => {
    await new Promise((ok) => server.close(ok));
  });

  it.each([
    ['http://127.0.0.1:11434/v1', 'http://127.0.0.1:11434/v1'],
    ['http://localhost:8080/v1/', 'http://localhost:8080/v1'],
    ['http://[::1]:8080/v1', 'http://[::1]:8080/v1'],
  ])('accepts %s', (raw, normal) => expect(loopbackUrl(raw)).toBe(normal));

  it.each(['http://example.com/v1', 'http://10.0.0.2:11434', 'http://127.0.0.1.nip.io/v1', 'ftp://127.0.0.1/', 'http://user:pw@127.0.0.1/', 'not a url', 'http://0.0.0.0:1/'])('refuses %s', (raw) => {
    expect(() => loopbackUrl(raw)).toThrow();
  });

  it('asks the chat completions endpoint and reads yes/no; a dead server is no evidence, not an error', async () => {
    expect(await askLocalModel({ url, model: 'm' }, { name: 'Hedging', description: 'd' }, 'Russia may help.')).toBe('yes');
    expect(await askLocalModel({ url, model: 'm' }, { name: 'Hedging', description: 'd' }, 'Russia helped.')).toBe('no');
    expect(seen).toContain('POST /v1/chat/completions');
    expect(await askLocalModel({ url: 'http://127.0.0.1:1/v1', model: 'm', timeoutMs: 2000 }, { name: 'x', description: 'd' }, 's')).toBeNull();
  });

  it('is off by default; once on, its verdict moves the scores and is shown', async () => {
    expect(await value(call(core, 'getLocalModel', {}))).toMatchObject({ enabled: false });
    await refused(call(core, 'updateLocalModel', { url: 'http://example.com/v1' }), 'invalid-argument');
    seen.length = 0;
    await value(call(core, 'getSuggestions', { docId: DOC }));
    expect(seen).toEqual([]);
    await value(call(core, 'updateLocalModel', { enabled: true, url, model: 'fake' }));
    const list = await value(call(core, 'getSuggestions', { docId: DOC, tagIds: ['hedging'] }));
    const judged = list.suggestions.filter((s) => s.localModel !== undefined);
    expect(judged.length).toBeGreaterThan(0);
    for (const s of judged) expect(s.localModel).toBe(/may|might|could/i.test(s.exact) ? 'yes' : 'no');
  });
});

describe('"Test connection" says clearly what answered', () => {
  let server: Server;
  let base: string;
  beforeEach(async () => {
    // The model name picks the fake server's behaviour.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const model = (JSON.parse(body) as { model: string }).model;
        if (model === 'missing') {
          res.statusCode = 404;
          res.end('{"error":"model \\"missing\\" not found"}');
        } else if (model === 'html') res.end('<html>hello</html>');
        else if (model === 'chatty') res.end(JSON.stringify({ choices: [{ message: { content: 'Hello! How can I help?' } }] }));
        else if (model === 'slow') setTimeout(() => res.end('{}'), 3000);
        else res.end(JSON.stringify({ choices: [{ message: { content: 'yes' } }] }));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/v1`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  });

  it.each([
    // model, url (null: the fake server), ok, message pattern
    ['llama', null, true, /^Connected: llama at http:\/\/127\.0\.0\.1:\d+\/v1 answered “yes” in \d+ ms\.$/],
    ['missing', null, false, /answered HTTP 404: .*not found.*Check the model name/],
    ['html', null, false, /answered, but not in the chat-completions format/],
    ['chatty', null, false, /answered “Hello! How can I help\?”, not yes or no/],
    ['', null, false, /^Name the model to use/],
    ['llama', 'http://example.com/v1', false, /Only a model server on this machine/],
    ['llama', 'http://127.0.0.1:1/v1', false, /^Nothing answers at http:\/\/127\.0\.0\.1:1\/v1( \(ECONNREFUSED\))?\. Is the server running\?$/],
  ] as const)('model %j at %s', async (model, url, ok, message) => {
    const answer = await value(call(core, 'testLocalModel', { url: url ?? base, model }));
    expect(answer.ok).toBe(ok);
    expect(answer.message).toMatch(message);
  });

  it('gives up on a server that does not answer in time, and saves nothing', async () => {
    expect(await testLocalModel({ url: base, model: 'slow', timeoutMs: 500 })).toEqual({ ok: false, message: `${base} did not answer within 1 s.` });
    expect(await value(call(core, 'getLocalModel', {}))).toMatchObject({ enabled: false, model: '' });
  });
});

describe('the cue lexicon as typed in the editor', () => {
  it.each([
    ['may/AUX\nit remains unclear\n\n  perhaps  ', ['may/AUX', 'it remains unclear', 'perhaps'], []],
    ['may\nMay', ['may', 'May'], ['Line 2 repeats line 1.']],
    ['a b c d e f g', ['a b c d e f g'], ['Line 1: A cue is at most six words.']],
    [`${'x'.repeat(81)}`, ['x'.repeat(81)], ['Line 1: A cue is at most 80 characters.']],
    ['back/123', ['back/123'], ['Line 1: "back/123": after a slash comes a part of speech, like may/AUX or back/VERB.']],
    ['', [], []],
    [Array.from({ length: 501 }, (_, i) => `cue${i}`).join('\n'), Array.from({ length: 501 }, (_, i) => `cue${i}`), ['A tag has at most 500 cues (501 here).']],
  ])('checkCues(%j)', (text, cues, problems) => {
    expect(checkCues(text)).toEqual({ cues, problems });
  });

  it('round-trips through the core: saved cues and flag come back as saved; defaults come back on restore', async () => {
    const saved = await value(call(core, 'updateSuggestTag', { tagId: 'friction', cues: ['trepidation', 'at odds'], negatable: false }));
    expect(saved).toMatchObject({ cues: ['trepidation', 'at odds'], negatable: false, defaultCues: false });
    expect((await value(call(core, 'getSuggestTags', {}))).find((t) => t.tagId === 'friction')).toMatchObject({ cues: ['trepidation', 'at odds'], negatable: false });
    await refused(call(core, 'updateSuggestTag', { tagId: 'friction', cues: ['back/123'] }), 'invalid-argument');
    const restored = await value(call(core, 'updateSuggestTag', { tagId: 'friction', resetCues: true }));
    expect(restored).toMatchObject({ negatable: true, defaultCues: true });
    expect(restored.cues).toContain('mistrust');
  });
});

describe('glossator suggest', () => {
  async function run(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await main(argv, { write: (t: string) => (out += t) }, { write: (t: string) => (err += t) });
    return { code, out, err };
  }

  /** Every file under `root` with its bytes and modification time. */
  async function snapshot(root: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const walk = async (d: string): Promise<void> => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) await walk(p);
        else out.set(p, `${(await readFile(p)).toString('base64')}:${(await stat(p)).mtimeMs}`);
      }
    };
    await walk(root);
    return out;
  }

  it('prints one JSON array of {docId,start,end,exact,tag,score,cues}, learning from stored passages, and writes nothing', async () => {
    const { text } = await value(call(core, 'getDocument', { docId: DOC }));
    const exact = 'The Ukraine component of this trip was shrouded in ambiguities.';
    const start = text.indexOf(exact);
    await value(call(core, 'createAnnotation', { docId: DOC, start, end: start + exact.length, exact, tagIds: ['hedging'] }));
    await core.close();
    const before = await snapshot(dir);
    const { code, out, err } = await run('suggest', '--data', dir, '--docs', `${DOC},001_05282a48bb000cda`, '--tags', 'Hedging,friction', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(['docId', 'start', 'end', 'exact', 'tag', 'score', 'cues']);
      expect([DOC, '001_05282a48bb000cda']).toContain(r.docId);
      expect(['hedging', 'friction']).toContain(r.tag);
    }
    // The passage already there is not proposed again.
    expect(rows.some((r) => r.docId === DOC && r.start === start && r.tag === 'hedging')).toBe(false);
    expect(await snapshot(dir)).toEqual(before);
    core = await createCore({ dataDir: dir, corpusDir: SEED_CORPUS });
  });

  it('prints a table with the reasons, and usage errors for unknown documents and tags', async () => {
    const table = await run('suggest', '--data', dir, '--docs', DOC, '--tags', 'hedging');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/000_4ab67b766fb33eed {2}\d+-\d+ {2}Hedging {2}0\.\d\d {2}.+\(cues: .+\)/);
    expect(table.out).toMatch(/\d+ suggestions; none was written/);
    expect((await run('suggest', '--data', dir, '--docs', 'nope')).code).toBe(2);
    expect((await run('suggest', '--data', dir, '--tags', 'nope')).code).toBe(2);
  });
});
