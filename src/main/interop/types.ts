// What importers produce and the import service consumes: passages and tags from another tool, not yet placed.

export interface IncomingTag {
  name: string;
  /** "#rrggbb" when the source gives a colour. */
  color?: string | null;
  description?: string | null;
}

export interface IncomingPassage {
  /** Glossator's own annotation id (a UUID) when the source is a Glossator export; kept if free. */
  id?: string;
  /** Hints for finding the corpus document, tried in this order: our id, file name, URI, title. */
  source: { docId?: string; fileName?: string; uri?: string; title?: string };
  quote: { exact: string; prefix?: string; suffix?: string };
  /** A position in UTF-16 code units of the normalised text, used as a hint only: the quote decides. */
  position?: { start: number; end: number };
  /** Tags by name (matched to the codebook case-insensitively; missing ones are created). */
  tagNames: string[];
  note: string;
  created?: string;
  modified?: string;
}

export interface ParsedImport {
  tags: IncomingTag[];
  passages: IncomingPassage[];
}
