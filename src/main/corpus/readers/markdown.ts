// The .md reader: Markdown rendered by marked, then walked into blocks like any other HTML.
import { marked } from 'marked';
import type { DocumentMeta } from '../../../shared/types';
import { collapse } from '../normalise-text';
import { htmlToBlocks, parseFragment } from './html-blocks';
import { decodeText } from './text';
import type { ReadResult } from './types';

/** Front matter as note apps and web clippers write it: "---", then "key: value" lines, then "---". */
const FRONT_MATTER = /^---[ \t]*\r?\n((?:[A-Za-z_-]+:.*\r?\n)*?)---[ \t]*(?:\r?\n|$)/;

export async function readMarkdown(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  const source = decodeText(fileName, bytes);
  const front = FRONT_MATTER.exec(source);
  // Raw HTML in the Markdown (a <script>, an <img onerror>) passes through marked untouched;
  // htmlToBlocks takes only text, and never from script-like elements.
  const html = marked.parse(front === null ? source : source.slice(front[0].length), { async: false, gfm: true });
  const document = parseFragment(html);
  const { text, blocks } = htmlToBlocks(document.body);
  const meta: ReadResult['meta'] = {};
  const h1 = collapse(document.querySelector('h1')?.textContent ?? '');
  if (h1 !== '') meta.title = h1;
  Object.assign(meta, frontMatter(front?.[1] ?? ''));
  return { text, blocks, meta, normaliser: 'glossator-md/2' };
}

/** The few front-matter keys that are document metadata; a stated title beats the first heading. */
function frontMatter(lines: string): Partial<DocumentMeta> {
  const meta: Partial<DocumentMeta> = {};
  for (const line of lines.split(/\r?\n/)) {
    const m = /^([A-Za-z_-]+):\s*(.*)$/.exec(line);
    const key = m?.[1]?.toLowerCase();
    const value = unquote(m?.[2] ?? '');
    if (key === undefined || value === '') continue;
    if (key === 'title' || key === 'author' || key === 'date' || key === 'publisher') meta[key] = value;
    if ((key === 'url' || key === 'source') && /^https?:\/\//i.test(value)) meta.url = value;
  }
  return meta;
}

const unquote = (s: string): string => collapse(s).replace(/^(["'])(.*)\1$/, '$2');
