// The HTML digest's stylesheet: the app's light palette, a serif reading face, and print rules for A4.
//
// Inline so the file stands alone (the CSP allows inline styles and nothing else). Tag colours
// arrive as `--tag`/`--on` custom properties on elements, already validated as #rrggbb.

export const HTML_STYLE = `
@page {
  size: A4;
  margin: 18mm 17mm 20mm;
  @bottom-center {
    content: counter(page) " / " counter(pages);
    font: 8.5pt system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
    color: #6b675f;
  }
}
:root {
  color-scheme: light;
  --ui-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
  --reading-font: Charter, 'Iowan Old Style', 'Source Serif Pro', Georgia, 'Noto Serif', serif;
  --paper: #fdfcf9;
  --sunken: #f4f2ed;
  --text: #1d1c1a;
  --muted: #6b675f;
  --muted-strong: #4a463f;
  --border: #dedad2;
  --border-strong: #b9b3a6;
  --danger: #b3261e;
  /* Tag colours are the point of the chips and borders: keep them when printing. */
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  background: var(--paper);
  color: var(--text);
  font: 11pt/1.55 var(--reading-font);
  font-kerning: normal;
  /* Fallback serifs differ a lot in x-height (Times is small next to the sans): even them out. */
  font-size-adjust: 0.47;
  text-rendering: optimizeLegibility;
}
main { max-width: 48rem; margin: 0 auto; padding: 2.75rem 1.75rem 4rem; }
h1, h2, h3, table, figcaption, .meta, .byline, .cite, .chip, .tagline, .note-label, .sources, .empty {
  font-family: var(--ui-font);
  font-size-adjust: none;
}
h1 { font-size: 1.85rem; line-height: 1.2; letter-spacing: -0.01em; margin: 0 0 0.4rem; }
h2 {
  font-size: 1.3rem; line-height: 1.3; margin: 2.4rem 0 0.9rem; padding-bottom: 0.35rem;
  border-bottom: 2px solid var(--tag, var(--border-strong));
}
h3 { font-size: 1rem; line-height: 1.35; margin: 1.5rem 0 0.7rem; color: var(--muted-strong); }
h2, h3 { break-after: avoid; page-break-after: avoid; }
h2 .count {
  font-weight: 500; font-size: 0.8em; color: var(--muted); margin-left: 0.35rem;
  font-variant-numeric: tabular-nums;
}
.swatch {
  display: inline-block; width: 0.8em; height: 0.8em; border-radius: 3px; margin-right: 0.5rem;
  background: var(--tag); vertical-align: -0.03em;
}
.byline { font-size: 0.85rem; color: var(--muted); margin: -0.5rem 0 1rem; }
div[role="note"].memo { border-left: 3px solid var(--border-strong); padding: 0.1rem 0 0.1rem 0.9rem; margin: 0 0 1.2rem; }
.memo-label { font-family: var(--ui-font); font-size: 0.8rem; font-weight: 600; color: var(--muted-strong); margin: 0 0 0.3rem; }
.meta { color: var(--muted); font-size: 0.85rem; margin: 0 0 0.3rem; }
header { border-bottom: 1px solid var(--border); padding-bottom: 1.2rem; margin-bottom: 1.4rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 1.2rem 0 0.5rem; min-width: 60%; }
th, td { padding: 0.35rem 0.9rem 0.35rem 0; border-bottom: 1px solid var(--border); text-align: left; }
thead th { font-weight: 600; color: var(--muted-strong); border-bottom-color: var(--border-strong); }
tbody th { font-weight: 500; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; padding-right: 0; padding-left: 1.2rem; }
figure { margin: 1.6rem 0; break-inside: avoid; page-break-inside: avoid; font-size-adjust: none; }
figure svg { display: block; max-width: 100%; height: auto; border: 1px solid var(--border); border-radius: 6px; }
figcaption { font-size: 0.82rem; color: var(--muted); margin-top: 0.5rem; }
figcaption b { color: var(--text); font-weight: 600; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.passage {
  break-inside: avoid; page-break-inside: avoid;
  margin: 0 0 1.25rem; padding: 0.15rem 0 0.15rem 1rem;
  border-left: 4px solid var(--tag, var(--border-strong));
}
blockquote { margin: 0; hyphens: auto; overflow-wrap: anywhere; }
blockquote p { margin: 0 0 0.45em; }
blockquote p:last-child { margin-bottom: 0; }
.cite { font-size: 0.8rem; line-height: 1.45; color: var(--muted); margin: 0.45rem 0 0; }
.pid {
  font-family: ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 0.72rem; color: var(--muted-strong); background: var(--sunken);
  border: 1px solid var(--border); border-radius: 3px; padding: 0 0.3em; margin-left: 0.35rem; white-space: nowrap;
}
/* Not placed in the current text: the citation says so, the dashed rule shows it at a glance. */
.passage.review { border-left-style: dashed; }
.tagline { font-size: 0.78rem; color: var(--muted); margin: 0.4rem 0 0; }
.chip {
  display: inline-block; font-size: 0.72rem; font-weight: 600; line-height: 1.5;
  padding: 0 0.55em; margin: 0 0.25rem 0.15rem 0; border-radius: 999px;
  background: var(--tag); color: var(--on);
}
.note {
  margin: 0.55rem 0 0; padding: 0.45rem 0.7rem; background: var(--sunken);
  border-radius: 4px; font-size: 0.9rem;
}
.note-label {
  display: block; font-size: 0.68rem; font-weight: 700; letter-spacing: 0.06em;
  text-transform: uppercase; color: var(--muted);
}
.note-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.empty { color: var(--muted); font-style: italic; }
.sources { font-size: 0.82rem; color: var(--muted-strong); padding-left: 1.2rem; }
.sources li { margin-bottom: 0.4rem; break-inside: avoid; }
.sources .url, .sources .file { overflow-wrap: anywhere; color: var(--muted); }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 1.8rem; }
  figure svg { border: none; }
}
`;
