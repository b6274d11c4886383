// REFI-QDA (QDA-XML 1.0) plumbing shared by export and import: writing and reading XML, GUIDs, colours.
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { GlossatorError } from '../../shared/result';

export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

// ---- writing -----------------------------------------------------------------------------------

type AttrValue = string | number | boolean | null | undefined;

/** An element to write: attributes in the order given (null/undefined ones are left out). */
export interface XmlElement {
  name: string;
  attrs?: Record<string, AttrValue>;
  /** Text content; an element has either text or children. */
  text?: string;
  children?: readonly (XmlElement | null)[];
}

export function el(name: string, attrs: Record<string, AttrValue> = {}, children: XmlElement['children'] = []): XmlElement {
  return { name, attrs, children };
}

export function textEl(name: string, text: string, attrs: Record<string, AttrValue> = {}): XmlElement {
  return { name, attrs, text };
}

/**
 * The whole document, one element per line and indented so exports diff well. Text content is
 * written verbatim on the element's own line: indentation is never added inside it.
 */
export function renderXml(root: XmlElement, comment?: string): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  if (comment !== undefined) lines.push(`<!-- ${xmlChars(comment).replace(/-{2,}/g, '-')} -->`);
  write(root, '', lines);
  return `${lines.join('\n')}\n`;
}

function write(node: XmlElement, indent: string, lines: string[]): void {
  const attrs = Object.entries(node.attrs ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttr(String(value))}"`)
    .join('');
  const open = `${indent}<${node.name}${attrs}`;
  const children = (node.children ?? []).filter((c): c is XmlElement => c !== null);
  if (node.text !== undefined) lines.push(`${open}>${escapeText(node.text)}</${node.name}>`);
  else if (children.length === 0) lines.push(`${open}/>`);
  else {
    lines.push(`${open}>`);
    for (const child of children) write(child, `${indent}  `, lines);
    lines.push(`${indent}</${node.name}>`);
  }
}

// XML 1.0 cannot carry control characters, lone surrogates or U+FFFE/U+FFFF even as references.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlChars = (s: string): string => s.replace(NOT_XML_CHAR, '\uFFFD');

/** `\r` as a reference: a literal one would be turned into `\n` by every XML parser. */
export const escapeText = (s: string): string =>
  xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

/** Line breaks and tabs as references: parsers turn literal ones in attributes into spaces. */
export const escapeAttr = (s: string): string =>
  escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

// ---- reading -----------------------------------------------------------------------------------

/** A parsed element: attributes as plain keys, children by name (always arrays), text as "#text". */
export type XmlNode = { [key: string]: unknown };

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML entities and character references in one pass (so "&amp;#10;" stays "&#10;"). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body] ?? whole;
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    const ok = code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return ok ? String.fromCodePoint(code) : '\uFFFD';
  });
}

// fast-xml-parser leaves character references such as &#10; undecoded, so entity handling is ours:
// it gets raw values and decodes them. CDATA is turned into escaped text first so that its
// content is not decoded a second time.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  tagValueProcessor: (_name, value) => decodeEntities(value),
  // XML attribute-value normalisation: literal tabs and line breaks read as spaces.
  attributeValueProcessor: (_name, value) => decodeEntities(value.replace(/[\t\n\r]/g, ' ')),
});

/**
 * Parses `xml` and answers its root element, which must be `rootName` (in any namespace prefix).
 * Anything else is an 'invalid-argument' error in words the analyst can act on.
 */
export function parseRoot(xml: string, rootName: string, what: string): XmlNode {
  const text = xml
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n') // XML end-of-line handling; a "&#13;" still reads as "\r"
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, cdata: string) => escapeText(cdata));
  if (XMLValidator.validate(text) !== true) {
    throw new GlossatorError('invalid-argument', `The ${what} is not well-formed XML, so it cannot be read.`);
  }
  let doc: XmlNode;
  try {
    doc = parser.parse(text) as XmlNode;
  } catch (e) {
    throw new GlossatorError('invalid-argument', `The ${what} could not be read as XML (${(e as Error).message}).`);
  }
  const rootKey = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  const root = rootKey === undefined ? undefined : children(doc, rootKey)[0];
  if (rootKey !== rootName || root === undefined) {
    throw new GlossatorError(
      'invalid-argument',
      `The ${what} is not a REFI-QDA ${rootName === 'Project' ? 'project' : 'codebook'}: its root element is ` +
        `<${rootKey ?? 'nothing'}>, not <${rootName}>.`,
    );
  }
  return root;
}

/** The child elements named `name` (empty elements parse as "" and count as elements with nothing in them). */
export function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (!Array.isArray(value)) return [];
  return value.map((v) => (typeof v === 'object' && v !== null ? (v as XmlNode) : { '#text': String(v) }));
}

export function attr(node: XmlNode, name: string): string | undefined {
  const value = node[name];
  return typeof value === 'string' ? value : undefined;
}

/** The text of an element: "" when it is empty. */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  const value = node['#text'];
  return Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : '';
}

// ---- identifiers and colours -----------------------------------------------------------------

const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;
export const isGuid = (s: string): boolean => GUID.test(s);

/** GUIDs compared the way tools write them: with or without braces, in either case. */
export const guidKey = (s: string): string => s.replace(/[{}]/g, '').toLowerCase();

/**
 * A deterministic GUID: SHA-256 of the parts, laid out as an RFC 9562 version-8 UUID. The same
 * passages always export with the same GUIDs, so exports are reproducible and diff cleanly.
 */
export function refiGuid(kind: string, ...parts: string[]): string {
  const hex = createHash('sha256').update(['glossator/refi-qda', kind, ...parts].join('\u0000'), 'utf8').digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** "#009e73" → "#009E73" for the schema's RGBType; undefined when it is not a hex colour. */
export function toRgb(color: string): string | undefined {
  const hex = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.exec(color.trim())?.[1];
  if (hex === undefined) return undefined;
  const six = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return `#${six.toUpperCase()}`;
}

/** An RGBType value as Glossator stores colours ("#rrggbb"), or null. */
export function fromRgb(color: string | undefined): string | null {
  return color === undefined ? null : (toRgb(color)?.toLowerCase() ?? null);
}
