// REFI-QDA users: the coders of an export as <User> elements, and the GUID each passage, coding and note is credited to.
//
// QDA-XML credits every coding, selection and note to a `creatingUser`, a User of the project.
// Glossator's coders are `set.coders` (this machine's coder first, from the settings); a passage
// or memo naming a coder the set does not list (a teammate's layer) gets a User of its own, named
// by that coder's id, so no credit is lost. Before the analyst has a coder identity there is one
// user, "Glossator analyst", with the GUID earlier exports used, so re-exports keep their GUIDs.
import type { ExportSet } from '../export/types';
import { el, refiGuid, type XmlElement } from './refi-xml';

export interface RefiUsers {
  /** The User GUID for a coder id; this machine's coder for none (or an empty id). */
  guidOf(coderId: string | undefined): string;
  /** The project's <User> elements, this machine's coder first. */
  readonly elements: XmlElement[];
}

/** What an export that names no coder credits its work to. */
export const ANONYMOUS_USER = { guid: refiGuid('user', 'Glossator'), name: 'Glossator analyst' } as const;

export function refiUsers(set: ExportSet): RefiUsers {
  const users = new Map<string, { guid: string; name: string }>();
  for (const coder of set.coders ?? []) {
    if (coder.id.trim() === '' || users.has(coder.id)) continue;
    users.set(coder.id, { guid: refiGuid('user', 'coder', coder.id), name: coder.name.trim() || coder.id });
  }
  const fallback = users.values().next().value ?? ANONYMOUS_USER;
  // Coders the passages and memos name beyond the set's list: each its own User, named by id.
  const named = [...set.passages.map((p) => p.coderId), ...(set.memos ?? []).map((m) => m.author)];
  for (const id of named) {
    if (id === undefined || id.trim() === '' || users.has(id)) continue;
    users.set(id, { guid: refiGuid('user', 'coder', id), name: id });
  }
  const all = users.size > 0 ? [...users.values()] : [ANONYMOUS_USER];
  // The fallback comes first: it is the project's creating user.
  const ordered = [fallback, ...all.filter((u) => u !== fallback)];
  return {
    guidOf: (coderId) => (coderId !== undefined && coderId.trim() !== '' ? users.get(coderId)?.guid : undefined) ?? fallback.guid,
    elements: ordered.map((u) => el('User', { guid: u.guid, name: u.name })),
  };
}
