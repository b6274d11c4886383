// The renderer's undo stack: order, redo clearing, failed steps, coalescing of typing bursts, the limit.
import { describe, expect, it } from 'vitest';
import { UndoStack, type UndoEntry } from '../../src/renderer/src/lib/undo-stack';

/** A counter the entries move up and down, so every undo/redo is observable. */
function world() {
  const log: string[] = [];
  let value = 0;
  const entry = (label: string, by: number, ok = true): UndoEntry => ({
    label,
    docId: null,
    undo: async () => {
      log.push(`undo ${label}`);
      value -= by;
      return ok;
    },
    redo: async () => {
      log.push(`redo ${label}`);
      value += by;
      return ok;
    },
  });
  return { log, entry, value: () => value, apply: (by: number) => (value += by) };
}

describe('UndoStack', () => {
  it('undoes in reverse order and redoes in order', async () => {
    const w = world();
    const stack = new UndoStack();
    for (const [label, by] of [['a', 1], ['b', 10], ['c', 100]] as const) {
      w.apply(by);
      stack.record(w.entry(label, by));
    }
    expect(stack.nextUndo).toBe('c');
    expect((await stack.undo())?.label).toBe('c');
    expect((await stack.undo())?.label).toBe('b');
    expect(w.value()).toBe(1);
    expect(stack.nextRedo).toBe('b');
    expect((await stack.redo())?.label).toBe('b');
    expect(w.value()).toBe(11);
    expect(w.log).toEqual(['undo c', 'undo b', 'redo b']);
  });

  it('a new operation clears what could be redone', async () => {
    const w = world();
    const stack = new UndoStack();
    stack.record(w.entry('a', 1));
    await stack.undo();
    expect(stack.canRedo).toBe(true);
    stack.record(w.entry('b', 2));
    expect(stack.canRedo).toBe(false);
    expect(await stack.redo()).toBeNull();
  });

  it.each([
    ['nothing to undo', 'undo'],
    ['nothing to redo', 'redo'],
  ] as const)('%s answers null', async (_name, op) => {
    const stack = new UndoStack();
    expect(await stack[op]()).toBeNull();
  });

  it('a step that fails leaves the history instead of being retried', async () => {
    const w = world();
    const stack = new UndoStack();
    stack.record(w.entry('ok', 1));
    stack.record(w.entry('broken', 2, false));
    expect(await stack.undo()).toBeNull();
    expect(stack.canRedo).toBe(false);
    expect(stack.nextUndo).toBe('ok');
  });

  it('coalesces entries with one key recorded in quick succession, keeping the first undo and last redo', async () => {
    let now = 0;
    const stack = new UndoStack({ now: () => now, coalesceMs: 1000 });
    const notes: string[] = [];
    const note = (before: string, after: string): UndoEntry => ({
      label: 'edit note',
      docId: 'd',
      coalesceKey: 'note:1',
      undo: async () => (notes.push(before), true),
      redo: async () => (notes.push(after), true),
    });
    const merge = (latest: UndoEntry) => (previous: UndoEntry) => ({ ...previous, redo: latest.redo });
    for (const [before, after, at] of [['', 'a', 0], ['a', 'ab', 500], ['ab', 'abc', 900], ['abc', 'abcd', 5000]] as const) {
      now = at;
      const e = note(before, after);
      stack.record(e, merge(e));
    }
    await stack.undo();
    await stack.undo();
    expect(notes).toEqual(['abc', '']);
    expect(stack.canUndo).toBe(false);
    await stack.redo();
    expect(notes.at(-1)).toBe('abc');
  });

  it('keeps at most `limit` steps, dropping the oldest', async () => {
    const w = world();
    const stack = new UndoStack({ limit: 3 });
    for (const label of ['a', 'b', 'c', 'd']) stack.record(w.entry(label, 1));
    const undone: string[] = [];
    for (let e = await stack.undo(); e; e = await stack.undo()) undone.push(e.label);
    expect(undone).toEqual(['d', 'c', 'b']);
  });

  it('tells a listener after every change', async () => {
    let calls = 0;
    const stack = new UndoStack({ onChange: () => calls++ });
    stack.record(world().entry('a', 1));
    await stack.undo();
    await stack.redo();
    expect(calls).toBe(5);
  });
});
