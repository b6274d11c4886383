// Renderer state without a DOM: Workbench, PassageEditor, Codebook, Reading and Shell against a fake main.
import { describe, expect, test } from 'vitest';
import { Workbench } from '../../src/renderer/src/state/workbench.svelte';
import { PassageEditor, excerpt } from '../../src/renderer/src/state/passage-editor';
import { Codebook } from '../../src/renderer/src/state/codebook';
import { Reading } from '../../src/renderer/src/state/reading.svelte';
import { ReaderController, type Jump } from '../../src/renderer/src/state/reader-controller';
import { Shell, corpusMessage } from '../../src/renderer/src/state/shell.svelte';
import { MAX_NOTE_LENGTH } from '../../src/shared/limits';
import { FakeMain, settle } from './support/fake-client';

const FIRST = 'Strategic cooperation between Russia and Iran will persist.';

async function opened(docId = 'doc-a'): Promise<{ main: FakeMain; wb: Workbench; editor: PassageEditor }> {
  const main = new FakeMain();
  const wb = new Workbench(main.client);
  await wb.init(null);
  if (docId !== 'doc-a') await wb.open(docId);
  return { main, wb, editor: new PassageEditor(wb) };
}

async function tagged(): Promise<{ main: FakeMain; wb: Workbench; editor: PassageEditor; id: string }> {
  const setup = await opened();
  await setup.editor.tagSelection({ start: 0, end: FIRST.length, exact: FIRST }, 'friction');
  return { ...setup, id: setup.wb.annotations[0]!.id };
}

describe('Workbench', () => {
  test('init loads codebook and list, opens the last document with its passages and read marks', async () => {
    const main = new FakeMain();
    main.coverage.set('doc-b', [1]);
    const wb = new Workbench(main.client);
    await wb.init('doc-b');
    expect(wb.ready).toBe(true);
    expect(wb.tags.map((t) => t.id)).toEqual(['cooperation', 'friction', 'hedging']);
    expect(wb.doc?.id).toBe('doc-b');
    expect(wb.read).toEqual([1]);
    expect(main.settings.lastDocId).toBe('doc-b');
  });

  test('a later open wins over an earlier one whose answer comes last', async () => {
    const { main, wb } = await opened();
    main.hold('getDocument');
    const first = wb.open('doc-b');
    const second = wb.open('doc-a');
    await main.release('getDocument', 'reversed');
    expect(await second).toBe(true);
    expect(await first).toBe(false);
    expect(wb.doc?.id).toBe('doc-a');
  });

  test.each([
    ['another document', 'doc-b', ''],
    ['the same document', 'doc-a', 'Tagged.'],
  ])('opening %s %s the status line', async (_what, docId, status) => {
    const { wb } = await opened();
    wb.notices.say('Tagged.');
    await wb.open(docId);
    expect(wb.notices.status).toBe(status);
  });

  test('an error answer is shown in plain words, never thrown', async () => {
    const { main, wb } = await opened();
    main.refuse('getDocument', 'not-found', 'No document doc-x.');
    expect(await wb.open('doc-x')).toBe(false);
    expect(wb.notices.error).toBe('No document doc-x.');
    expect(wb.doc?.id).toBe('doc-a');
  });

  test('a jump is handed to the reader once, and only for its document', async () => {
    const { wb } = await opened();
    const shown: Jump[] = [];
    const detach = wb.reader.attach({ show: (jump) => jump.docId === 'doc-a' && shown.push(jump) > 0 });
    wb.show({ start: 5, end: 9 });
    expect(shown).toEqual([{ docId: 'doc-a', range: { start: 5, end: 9 } }]);
    expect(wb.reader.take('doc-a')).toBeNull();
    detach();
    // With no reader mounted (another view shows), the jump waits for the document's text.
    wb.show({ start: 1, end: 2 });
    expect(wb.reader.take('doc-b')).toBeNull();
    wb.show({ start: 1, end: 2 });
    expect(wb.reader.take('doc-a')).toEqual({ docId: 'doc-a', range: { start: 1, end: 2 } });
    expect(wb.reader.take('doc-a')).toBeNull();
  });

  test('reveal opens the passage’s document and makes it the active one', async () => {
    const { wb, id } = await tagged();
    await wb.open('doc-b');
    await wb.reveal('doc-a', id);
    expect(wb.doc?.id).toBe('doc-a');
    expect(wb.activeId).toBe(id);
    expect(wb.reader.take('doc-a')?.range).toEqual({ start: 0, end: FIRST.length });
  });

  test('step walks the placed passages and wraps around', async () => {
    const { wb, editor } = await opened();
    const second = 'Mutual tensions';
    const start = wb.doc!.text.indexOf(second);
    await editor.tagSelection({ start: 0, end: 9, exact: 'Strategic' }, 'hedging');
    await editor.tagSelection({ start, end: start + second.length, exact: second }, 'friction');
    const [a, b] = wb.annotations.map((x) => x.id);
    wb.deactivate();
    const seen = [1, 1, 1, -1].map((d) => (wb.step(d as 1 | -1), wb.activeId));
    expect(seen).toEqual([a, b, a, b]);
  });
});

describe('PassageEditor', () => {
  test('tagging a selection saves it and says which passage got which tag, with Undo at hand', async () => {
    const { main, wb } = await tagged();
    expect(main.passagesOf('doc-a')).toHaveLength(1);
    expect(wb.notices.status).toBe('Tagged “Strategic cooperation between Russia…” as Friction.');
    expect(wb.notices.undoable).toBe(true);
    expect(wb.history.nextUndo).toBe('tag “Strategic cooperation between Russia…” as Friction');
  });

  test.each([
    ['adds', 'hedging', ['friction', 'hedging'], 'Added Hedging to “Strategic cooperation between Russia…”.'],
    ['removes', 'friction', [], 'Removed Friction from “Strategic cooperation between Russia…”.'],
  ])('toggling a chip %s the tag and says so', async (_what, tagId, after, message) => {
    const { main, wb, editor, id } = await tagged();
    await editor.toggleTag(id, tagId);
    expect(main.passagesOf('doc-a')[0]!.tagIds).toEqual(after);
    expect(wb.notices.status).toBe(message);
    await wb.runUndo();
    expect(main.passagesOf('doc-a')[0]!.tagIds).toEqual(['friction']);
  });

  test('after a tag, a retag, a delete and a read mark, only the edited document\'s row is fetched again', async () => {
    const { main, wb, editor, id } = await tagged();
    await editor.toggleTag(id, 'hedging');
    await editor.remove(id);
    await new Reading(wb).toggleRead([0]);
    await settle();
    expect(main.count('listDocuments')).toBe(1); // the first listing, at start
    expect(main.count('getDocumentSummary')).toBeGreaterThan(0);
    expect(main.calls.filter((c) => c.method === 'getDocumentSummary').every((c) => (c.args as { docId: string }).docId === 'doc-a')).toBe(true);
    const row = wb.documents.find((d) => d.id === 'doc-a')!;
    expect(row.passageCount).toBe(0);
    expect(row.coverage.read).toBe(1);
  });

  test('a refused retag is put back as it was', async () => {
    const { main, wb, editor, id } = await tagged();
    main.refuse('updateAnnotation', 'io-error', 'The disk refused the write.');
    await editor.toggleTag(id, 'hedging');
    expect(wb.annotations[0]!.tagIds).toEqual(['friction']);
    expect(wb.notices.error).toBe('The disk refused the write.');
  });

  test('a note over the limit is never sent nor claimed saved; its draft is kept until it fits', async () => {
    const { main, wb, editor, id } = await tagged();
    wb.notices.say('');
    const long = 'x'.repeat(MAX_NOTE_LENGTH + 1);
    expect(await editor.saveNote(wb.annotations[0]!, long)).toBe(false);
    expect(main.count('updateAnnotation')).toBe(0);
    expect(wb.notices.status).toBe('');
    expect(editor.draftOf(id)).toBe(long);
    expect(editor.unsavedIn('doc-a').map((u) => u.passage)).toEqual(['“Strategic cooperation between Russia…”']);
    expect(await editor.saveNote(wb.annotations[0]!, 'Fits.')).toBe(true);
    expect(wb.notices.status).toBe('Note saved.');
    expect(editor.draftOf(id)).toBeNull();
    expect(main.passagesOf('doc-a')[0]!.note).toBe('Fits.');
  });

  test('a note saved after its document was left is still saved', async () => {
    const { main, wb, editor } = await tagged();
    const passage = wb.annotations[0]!;
    await wb.open('doc-b');
    expect(await editor.saveNote(passage, 'Written before the switch.')).toBe(true);
    expect(main.passagesOf('doc-a')[0]!.note).toBe('Written before the switch.');
  });

  test('a failed create removes the provisional passage and shows the error', async () => {
    const { main, wb, editor } = await opened();
    main.refuse('createAnnotation', 'io-error', 'Disk full.');
    await editor.tagSelection({ start: 0, end: 9, exact: 'Strategic' }, 'hedging');
    expect(wb.annotations).toEqual([]);
    expect(wb.activeId).toBeNull();
    expect(wb.notices.error).toBe('Disk full.');
  });

  test('delete says which passage went, and undo brings it back', async () => {
    const { main, wb, editor, id } = await tagged();
    await editor.remove(id);
    expect(wb.notices.status).toBe('Deleted “Strategic cooperation between Russia…”.');
    expect(main.passagesOf('doc-a')).toEqual([]);
    await wb.runUndo();
    expect(main.passagesOf('doc-a').map((a) => a.id)).toEqual([id]);
    expect(wb.annotations.map((a) => a.id)).toEqual([id]);
  });

  test.each([
    ['short quote', 'Tehran keeps its options open.', '“Tehran keeps its options open.”'],
    ['cut at a word', FIRST, '“Strategic cooperation between Russia…”'],
    ['one long word', 'x'.repeat(60), `“${'x'.repeat(39)}…”`],
    ['whitespace folded', 'a\n\nb', '“a b”'],
  ])('excerpt: %s', (_what, exact, expected) => {
    expect(excerpt({ target: { quote: { exact, prefix: '', suffix: '' }, position: { start: 0, end: 1 }, contentHash: '' } })).toBe(expected);
  });
});

describe('Codebook', () => {
  test('each operation reloads the codebook and can be undone and redone', async () => {
    const { main, wb } = await opened();
    const codebook = new Codebook(wb);
    await codebook.create('Sanctions', '#cc79a7', 'Economic pressure.');
    expect(wb.tags.map((t) => t.name)).toEqual(['Cooperation', 'Friction', 'Hedging', 'Sanctions']);
    expect(wb.notices.status).toBe('Codebook: add tag “Sanctions”.');
    await codebook.rename('hedging', 'Hedge');
    await codebook.move('hedging', -1);
    expect(wb.tags.map((t) => t.name)).toEqual(['Cooperation', 'Hedge', 'Friction', 'Sanctions']);
    await wb.runUndo();
    await wb.runUndo();
    await wb.runUndo();
    expect(main.tags.map((t) => t.name)).toEqual(['Cooperation', 'Friction', 'Hedging']);
    await wb.runUndo(true);
    expect(main.tags.map((t) => t.name)).toEqual(['Cooperation', 'Friction', 'Hedging', 'Sanctions']);
  });

  test('deleting a tag keeps its passages, and undo gives them their tags back', async () => {
    const { main, wb, id } = await tagged();
    const codebook = new Codebook(wb);
    await codebook.remove('friction');
    expect(main.passagesOf('doc-a')[0]!.tagIds).toEqual([]);
    expect(wb.annotations.map((a) => a.id)).toEqual([id]);
    await wb.runUndo();
    expect(main.passagesOf('doc-a')[0]!.tagIds).toEqual(['friction']);
    expect(wb.tags.map((t) => t.id)).toContain('friction');
  });
});

describe('Reading', () => {
  test('a place waiting to be written is written when another document’s place replaces it', async () => {
    const { main, wb } = await opened();
    const reading = new Reading(wb);
    await reading.load();
    reading.rememberScroll('doc-a', 12);
    reading.rememberScroll('doc-b', 0);
    await settle();
    expect(main.settings.scroll['doc-a']).toBe(12);
    expect(reading.positionOf('doc-a')).toBe(12);
    expect(reading.positionOf('doc-b')).toBe(0);
  });

  test('read marks follow the open document and toggles', async () => {
    const { main, wb } = await opened();
    const reading = new Reading(wb);
    await reading.toggleRead([0, 2]);
    expect([...reading.readSet]).toEqual([0, 2]);
    expect(main.coverage.get('doc-a')).toEqual([0, 2]);
    await reading.toggleRead([0, 2]);
    expect([...reading.readSet]).toEqual([]);
    await wb.open('doc-b');
    expect([...reading.readSet]).toEqual([]);
  });
});

describe('ReaderController', () => {
  test('a jump the mounted reader cannot show yet waits, once, for its document', () => {
    const reader = new ReaderController();
    const jump = { docId: 'doc-a', range: { start: 1, end: 4 } };
    let ready = false;
    const shown: Jump[] = [];
    reader.attach({ show: (j) => ready && shown.push(j) > 0 });
    reader.jump(jump);
    expect(shown).toEqual([]);
    ready = true;
    expect(reader.take('doc-a')).toEqual(jump);
    expect(reader.take('doc-a')).toBeNull();
    reader.jump(jump);
    expect(shown).toEqual([jump]);
    expect(reader.take('doc-a')).toBeNull();
  });
});

describe('Shell', () => {
  test('menu commands run through the same dispatcher as keys', async () => {
    const main = new FakeMain();
    const shell = new Shell(main.client);
    await shell.start();
    const stop = shell.listen();
    main.menu('codebook');
    expect(shell.codebookOpen).toBe(true);
    expect(shell.modal).toBe(true);
    main.menu('passages-view');
    await settle();
    expect(shell.view).toBe('passages');
    stop();
    main.menu('review-queue');
    expect(shell.view).toBe('passages');
  });

  test('Delete removes only the active passage, and nothing when none is active', async () => {
    const main = new FakeMain();
    const shell = new Shell(main.client);
    await shell.start();
    await shell.editor.tagSelection({ start: 0, end: 9, exact: 'Strategic' }, 'hedging');
    shell.wb.deactivate();
    await shell.run('delete-passage');
    expect(main.passagesOf('doc-a')).toHaveLength(1);
    shell.wb.focus(shell.wb.annotations[0]!.id);
    await shell.run('delete-passage');
    expect(main.passagesOf('doc-a')).toHaveLength(0);
  });

  test('leaving a document with a note draft main did not save says the draft is kept', async () => {
    const main = new FakeMain();
    const shell = new Shell(main.client);
    await shell.start();
    await shell.editor.tagSelection({ start: 0, end: FIRST.length, exact: FIRST }, 'hedging');
    await shell.editor.saveNote(shell.wb.annotations[0]!, 'x'.repeat(MAX_NOTE_LENGTH + 5));
    await shell.openDocument('doc-b');
    expect(shell.wb.notices.status).toBe(
      'The note on “Strategic cooperation between Russia…” is over the limit and was not saved; it is kept as a draft.',
    );
    await shell.openDocument('doc-a');
    expect(shell.wb.notices.status).toBe('');
  });

  test('a corpus change refreshes the open document and reports it', async () => {
    const main = new FakeMain();
    const shell = new Shell(main.client);
    await shell.start();
    const stop = shell.listen();
    main.docs[0]!.title = 'Retitled';
    main.corpusChanged({ added: [], changed: ['doc-a'], removed: [], passages: { anchored: 0, moved: 1, needsReview: 0, orphaned: 0 } });
    await settle();
    expect(shell.wb.doc?.title).toBe('Retitled');
    expect(shell.wb.notices.status).toBe('Corpus updated: 1 changed. To review: 1 moved.');
    stop();
  });

  test('a file that becomes unreadable, then readable again, updates the list of files not loaded and says so', async () => {
    const main = new FakeMain();
    let problems = [{ source: 'scan.docx', message: 'scan.docx is not a readable Word document (.docx).' }];
    main.handle('listCorpusProblems', () => problems);
    const shell = new Shell(main.client);
    await shell.start();
    const stop = shell.listen();
    expect(shell.wb.problems).toEqual(problems);
    problems = [...problems, { source: 'notes.pdf', message: 'notes.pdf holds no text.' }];
    const none = { anchored: 0, moved: 0, needsReview: 0, orphaned: 0 };
    main.corpusChanged({ added: [], changed: [], removed: [], passages: none, problems: ['notes.pdf'] });
    await settle();
    expect(shell.wb.problems.map((p) => p.source)).toEqual(['scan.docx', 'notes.pdf']);
    expect(shell.wb.notices.status).toBe('Corpus updated: no document changed. 2 files could not be read.');
    problems = [];
    main.corpusChanged({ added: [], changed: [], removed: [], passages: none, problems: ['scan.docx', 'notes.pdf'] });
    await settle();
    expect(shell.wb.problems).toEqual([]);
    expect(shell.wb.notices.status).toBe('Corpus updated: no document changed. Every file can be read now.');
    stop();
  });

  test.each([
    [{ added: 0, changed: 1, removed: 0 }, { moved: 1, needsReview: 1, orphaned: 0 }, 'Corpus updated: 1 changed. To review: 1 moved, 1 needs review.'],
    [{ added: 2, changed: 0, removed: 1 }, { moved: 0, needsReview: 2, orphaned: 3 }, 'Corpus updated: 2 added, 1 removed. To review: 2 need review, 3 orphaned.'],
    [{ added: 0, changed: 0, removed: 0 }, { moved: 0, needsReview: 0, orphaned: 0 }, 'Corpus updated: no document changed.'],
  ])('corpusMessage %o %o', (files, passages, expected) => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`);
    const report = { added: ids(files.added), changed: ids(files.changed), removed: ids(files.removed), passages: { anchored: 0, ...passages } };
    expect(corpusMessage(report)).toBe(expected);
  });
});
