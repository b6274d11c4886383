// Limits the main process enforces on what the renderer may send; stated once so UI and core agree.

/** Longest note, in UTF-16 code units (~20 pages of prose). */
export const MAX_NOTE_LENGTH = 20_000;
/** Most tags on one passage. */
export const MAX_TAGS_PER_PASSAGE = 32;
/** Longest passage, in UTF-16 code units; a passage is a quote, not a whole book. */
export const MAX_PASSAGE_LENGTH = 50_000;
/** Context kept either side of a quote, as in hypothesis/client. */
export const QUOTE_CONTEXT = 32;
/** Longest tag name, in UTF-16 code units (trimmed); long enough for the code names other QDA tools export. */
export const MAX_TAG_NAME_LENGTH = 200;
/** Deepest nesting of the codebook, in levels (a top-level tag is level 1). */
export const MAX_TAG_DEPTH = 12;
/** Longest tag description, in UTF-16 code units. */
export const MAX_TAG_DESCRIPTION_LENGTH = 2_000;
/** Pane widths in px the layout and the settings accept. */
export const PANE_LIMITS = Object.freeze({ left: { min: 160, max: 800 }, right: { min: 220, max: 900 } });
/** Longest memo (document, tag or journal entry), in UTF-16 code units (~50 pages of prose). */
export const MAX_MEMO_LENGTH = 100_000;
/** Most journal entries in one corpus; far above a real project's, well below memory trouble. */
export const MAX_JOURNAL_ENTRIES = 10_000;
