// Turns Markdown and SVG from main into markup safe to insert: DOMPurify removes anything executable.
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function renderMarkdown(markdown: string): string {
  // Front matter is metadata for other tools; the preview shows the digest itself.
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const html = marked.parse(body, { async: false, gfm: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form'] });
}

export function sanitizeSvg(svg: string): string {
  return DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true }, FORBID_TAGS: ['style', 'foreignObject'] });
}

/**
 * A memo's Markdown as inert markup for its preview: sanitised like the digest, and with no
 * targets left (links keep their text but lose href, images and embeds go), so nothing in a memo
 * can load or open anything, inside the app or out.
 */
export function renderMemo(markdown: string): string {
  // Raw HTML in a memo is shown as the text it is, never parsed as markup: a memo is Markdown.
  // (Handing it to DOMPurify would be safe, but its parse alone trips the page's CSP on handlers.)
  const renderer = new marked.Renderer();
  renderer.html = (token) => escapeHtml(token.text);
  const html = marked.parse(markdown, { async: false, gfm: true, renderer });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'img', 'picture', 'video', 'audio', 'iframe', 'input', 'button', 'select', 'textarea'],
    FORBID_ATTR: ['href', 'src', 'srcset', 'action', 'formaction', 'style', 'xlink:href'],
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The start of a Markdown memo as plain words on one line, for a mention in the document's details:
 * heading, emphasis, quote and list markers dropped, links as their text, cut at `max` characters.
 */
export function memoGist(markdown: string, max: number): string {
  const plain = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}
