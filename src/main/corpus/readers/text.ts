// The .txt reader, and the byte-to-text decoding that every text format (.txt, .md, .html) shares.
import { GlossatorError } from '../../../shared/result';
import { NORMALISER_VERSION, normalise } from '../normalise';
import type { ReadResult } from './types';

/** Text files open with at most a few tabs and form feeds; more control characters than this is binary. */
const MAX_CONTROL_RATIO = 0.1;
/** Enough of the file to judge it by without scanning all 50 MB for control characters. */
const SAMPLE_LENGTH = 64 * 1024;
/** Tab, line feed, form feed and carriage return occur in real text files. */
const TEXT_CONTROLS: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0c, 0x0d]);

/** Plain text goes through the same normaliser as ever, so .txt ids, text and hashes do not change. */
export async function readText(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  const { text, blocks } = normalise(decodeText(fileName, bytes));
  return { text, blocks, meta: {}, normaliser: NORMALISER_VERSION };
}

/**
 * UTF-8, or UTF-16 when the file starts with a UTF-16 byte-order mark. Decoding is fatal: a file in
 * another encoding must fail loudly rather than turn into U+FFFD characters that annotations anchor on.
 */
export function decodeText(fileName: string, bytes: Uint8Array): string {
  const utf16 = utf16Encoding(bytes);
  if (utf16 !== null) {
    let text: string;
    try {
      text = new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      throw new GlossatorError('invalid-argument', `${fileName} starts like UTF-16 text but is not valid UTF-16.`);
    }
    if (looksBinary(text.includes('\0'), codeUnits(text))) throw binary(fileName);
    return text;
  }
  if (looksBinary(bytes.includes(0), bytes.subarray(0, SAMPLE_LENGTH))) throw binary(fileName);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GlossatorError(
      'invalid-argument',
      `${fileName} is not UTF-8 text (it may be in an older encoding such as Latin-1 or Windows-1252); save it as UTF-8 and add it again.`,
    );
  }
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function codeUnits(text: string): number[] {
  const sample = text.slice(0, SAMPLE_LENGTH);
  return Array.from({ length: sample.length }, (_, i) => sample.charCodeAt(i));
}

/** A NUL anywhere, or many control characters near the start: no text editor writes those. */
function looksBinary(hasNul: boolean, sample: ArrayLike<number>): boolean {
  if (hasNul) return true;
  let controls = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const c = sample[i] ?? 0;
    if ((c < 0x20 && !TEXT_CONTROLS.has(c)) || c === 0x7f) controls += 1;
  }
  return sample.length > 0 && controls / sample.length > MAX_CONTROL_RATIO;
}

const binary = (fileName: string): GlossatorError =>
  new GlossatorError('invalid-argument', `${fileName} looks like binary data, not text; Glossator cannot read it as a text document.`);
