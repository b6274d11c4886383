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
