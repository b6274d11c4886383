// Validity of UTF-16 offset ranges over a text: plain-English problems and surrogate-safe snapping.
import type { TextPosition } from '../types';

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * True when `offset` falls between the two halves of a surrogate pair. Lone surrogates (malformed
 * text) are not pairs, so a boundary next to one is allowed: refusing it would make that text
 * unselectable.
 */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  );
}

/** What is wrong with [start, end) as a passage of `text`, in words an analyst can read; null when fine. */
export function checkRange(text: string, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    return `The passage offsets must be whole numbers (got ${start} and ${end}).`;
  }
  if (start < 0) return `The passage starts before the beginning of the document (offset ${start}).`;
  if (start > end) return 'The passage starts after it ends.';
  if (start === end) return 'The passage is empty.';
  if (end > text.length) {
    return `The passage ends after the end of the document (offset ${end} of ${text.length}).`;
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    return 'The passage would split a character in two.';
  }
  return null;
}

function clampOffset(text: string, offset: number): number {
  if (Number.isNaN(offset)) return 0;
  return Math.min(text.length, Math.max(0, offset));
}

/**
 * Widens [start, end) so neither end splits a surrogate pair, after clamping both ends into the
 * text and putting them in order. For the renderer, whose DOM selections can land mid-pair
 * (e.g. keyboard selection through an emoji in some engines); widening rather than narrowing
 * keeps a one-emoji selection from collapsing to nothing.
 */
export function snapToCodePoints(text: string, start: number, end: number): TextPosition {
  let lo = Math.floor(clampOffset(text, Math.min(start, end)));
  let hi = Math.ceil(clampOffset(text, Math.max(start, end)));
  if (splitsSurrogatePair(text, lo)) lo -= 1;
  if (splitsSurrogatePair(text, hi)) hi += 1;
  return { start: lo, end: hi };
}
