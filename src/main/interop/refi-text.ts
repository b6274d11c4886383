// Offsets between Glossator (UTF-16 code units) and REFI-QDA text positions (Unicode code points).
//
// QDA-XML says a PlainTextSelection's startPosition/endPosition are character positions in the
// source's plain text, without saying what a character is. Glossator writes and reads them as
// Unicode code points (what Python, and so QualCoder, counts), over a text with LF line endings.
// An emoji is one position in the export but two UTF-16 code units in Glossator.

const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * A source's text as another tool wrote it, read the Glossator way: LF line endings, with a map
 * from the tool's code-point positions to UTF-16 offsets in that LF text.
 */
export interface SourceText {
  /** The text with "\r\n" and lone "\r" turned into "\n", as Glossator's normaliser would. */
  text: string;
  /** Positions the tool can address: code points of the text as it came (0..length). */
  length: number;
  /** UTF-16 offset in `text` of a tool position; null when outside the text or not a whole number. */
  offsetOf(position: number): number | null;
}

/**
 * `crlfIsOne`: whether the tool counted a "\r\n" pair as one position. The standard does not say;
 * tools differ (ATLAS.ti counts one, most others count the code points in the file, i.e. two).
 */
export function readSourceText(raw: string, crlfIsOne: boolean): SourceText {
  const text = raw.replace(/\r\n?/g, '\n');
  const map: number[] = [];
  let out = 0; // UTF-16 offset in `text`
  for (let i = 0; i < raw.length; ) {
    const code = raw.charCodeAt(i);
    map.push(out);
    if (code === 0x0d && raw.charCodeAt(i + 1) === 0x0a) {
      // Both halves of the pair land on the "\n" that replaces them.
      if (!crlfIsOne) map.push(out);
      i += 2;
      out += 1;
      continue;
    }
    const width = code >= 0xd800 && code <= 0xdbff && isLow(raw.charCodeAt(i + 1)) ? 2 : 1;
    i += width;
    out += width;
  }
  map.push(out);
  return {
    text,
    length: map.length - 1,
    offsetOf: (position) => (Number.isInteger(position) ? (map[position] ?? null) : null),
  };
}

/** A one-line label for a passage: whitespace collapsed, cut at a code point, at most `max` of them. */
export function shortLabel(text: string, max = 60): string {
  const points = Array.from(text.replace(/\s+/g, ' ').trim());
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}
