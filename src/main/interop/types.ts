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
  /**
   * The source's TextPositionSelector, in UTF-16 code units (or code points: W3C counts those). The
   * quote decides; where the position holds the quote exactly, it picks among occurrences the
   * context cannot tell apart.
   */
  position?: { start: number; end: number };
  /**
   * contentHash of the text `position` counts in, when the source carries that text (REFI-QDA):
   * the position then picks an occurrence only in a document with that very text, and is a hint
   * for the search elsewhere. Absent, the position is taken to describe the document (W3C).
   */
  positionIn?: string;
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
