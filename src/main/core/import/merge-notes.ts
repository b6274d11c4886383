// Merging an incoming note or memo into one already here: nothing of either is lost, nothing is doubled.

/** Paragraphs of the incoming text the existing one lacks are appended after a blank line. */
export function mergeNotes(existing: string, incoming: string): string {
  const paragraphs = (s: string) => s.split(/\n[ \t]*\n/).map((x) => x.trim()).filter((x) => x !== '');
  if (existing.trim() === '') return incoming.trim() === '' ? existing : incoming;
  const have = new Set(paragraphs(existing));
  const fresh = [...new Set(paragraphs(incoming).filter((x) => !have.has(x)))];
  return fresh.length === 0 ? existing : `${existing.trimEnd()}\n\n${fresh.join('\n\n')}`;
}
