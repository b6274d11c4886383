// The words and markup of the reader fixtures that make-document-fixtures.ts writes out.

export interface PdfLine {
  text: string;
  /** Baseline, in points from the bottom of an A4 page. */
  y: number;
  x?: number;
  size?: number;
  font: 'body' | 'bold' | 'small';
}

const body = (y: number, text: string, x?: number): PdfLine => (x === undefined ? { text, y, font: 'body' } : { text, y, x, font: 'body' });
const heading = (y: number, text: string, size: number): PdfLine => ({ text, y, size, font: 'bold' });

/**
 * Three pages of hard-wrapped lines: a title, paragraphs 14 pt apart with a 10 pt gap between
 * them, a word hyphenated across a line end ("deter-/mined"), compounds that must keep their
 * hyphen ("post-Soviet" mid-line and across a line end, "long-term"), a paragraph running over a
 * page break, and a bulleted list whose wrapped line is indented under the text.
 */
export const PDF_PAGES: readonly PdfLine[][] = [
  [
    heading(740, 'Caspian Corridors and the Limits of Alignment', 18),
    body(710, 'Russia and Iran have spent a decade building transport links across the Caspian'),
    body(696, 'region. Officials in both capitals describe the effort as strategic, but the record'),
    body(682, 'shows a partnership that is less ambitious than its rhetoric and one that is deter-'),
    body(668, 'mined more by sanctions than by shared goals, and it moves slowly.'),
    body(644, 'The corridor runs through post-Soviet states whose governments want transit fees'),
    body(630, 'more than they want either patron. Kazakhstan and Turkmenistan have both signed'),
    body(616, 'agreements with Moscow and Tehran while courting investors from the wider post-'),
    body(602, 'Soviet periphery and from the Gulf, a hedge that costs them little.'),
    body(578, 'Rail is the slowest part of the project. The Rasht\u2013Astara link, a missing segment'),
    body(564, 'of about 160 kilometres, has been promised since 2005 and financed three times.'),
    body(540, 'Moscow offered a state loan in 2023 to finish the line, and Iranian officials wel-'),
    body(526, 'comed it in public. In private, negotiators on both sides said the terms were still'),
    body(512, 'open, and by the end of the year the two governments had still not managed to'),
  ],
  [
    body(760, 'agree on who would own the track or collect its fees.'),
    heading(724, 'Trade and Transit', 14),
    body(700, 'Trade figures tell the same story. Bilateral trade reached about five billion dollars'),
    body(686, 'in 2022, a fraction of what either country trades with China. Three obstacles stand'),
    body(672, 'out:'),
    body(648, '\u2022'),
    body(648, 'Sanctions on Iranian banks make payments slow and expensive, and Russian', 86),
    body(634, 'lenders fear secondary penalties.', 86),
    body(620, '\u2022'),
    body(620, 'Customs procedures at Astara still take days rather than hours.', 86),
    body(606, '\u2022'),
    body(606, 'Neither side publishes reliable data on transit volumes.', 86),
    body(582, 'None of these problems is new, and none is likely to be solved soon. The corridor'),
    body(568, 'will remain a political symbol for some years before it becomes a trade route.'),
  ],
  [
    heading(760, 'Conclusion', 14),
    body(736, 'The alignment between Moscow and Tehran is real but narrow. It rests on shared'),
    body(722, 'opposition to Western pressure rather than on a common economic project, and it'),
    body(708, 'will last only as long as that pressure does.'),
    body(684, 'Analysts should watch long-term financing rather than summit statements. If the'),
    body(670, 'loan for the rail link is disbursed, the partnership will have gained a long-'),
    body(656, 'term anchor; if it is not, the corridor will stay on paper.'),
  ],
];

export const ARTICLE_MD = `# Sanctions and the *Caspian* Trade

Iran's trade with Russia grew **sharply** in 2022, according to customs data.
This second line is a soft wrap inside the same paragraph.

## What changed

- Payments moved to national currencies
- Transit across the Caspian rose
  - Astrakhan port volumes doubled
- New rail links were *promised*

3. First, sanctions.
4. Second, geography.

> The corridor is a symbol before it is a route.

<script>alert('md-script')</script>

<img src="x.png" onerror="alert('md-img')"> A paragraph after an image that must not run.

[A link](javascript:alert('md-link')) that goes nowhere.

\`\`\`
code block   keeps its text
\`\`\`
`;

const LOREM = [
  'Iran’s leaders have spent two decades arguing that the country’s future lies in the East. The argument gained force after 2018, when the United States withdrew from the nuclear deal and reimposed sanctions that cut Iran off from most European buyers and banks.',
  'Moscow is the most willing partner, but not the most useful one. Russia competes with Iran for the same oil customers in Asia, and its own sanctions since 2022 have made it a supplier of last resort rather than an investor.',
  'China buys most of Iran’s exported oil, at a discount, through intermediaries that keep the trade off official statistics. Beijing has signed a 25-year cooperation agreement with Tehran, yet little of the promised investment has arrived.',
];

export const ARTICLE_HTML = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Iran’s Eastern Turn | Example Institute</title>
<meta name="author" content="Samira Haddad">
<meta property="og:title" content="Iran’s Eastern Turn: Why Tehran Looks to Moscow">
<meta property="og:site_name" content="Example Institute">
<meta property="og:url" content="https://www.example.org/analysis/irans-eastern-turn?utm_source=og">
<meta property="article:published_time" content="2024-03-05T08:30:00+03:30">
<link rel="canonical" href="https://www.example.org/analysis/irans-eastern-turn">
<script>window.dataLayer = []; document.write('tracking-head');</script>
<style>.cookie-consent { position: fixed; bottom: 0; }</style>
</head>
<body onload="alert('body-onload')">
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on our website. <button>Accept all</button></p></div>
<header class="site-header"><a href="/" class="logo">Example Institute</a>
<nav><ul><li><a href="/research">Research</a></li><li><a href="/events">Events</a></li><li><a href="/about">About us</a></li></ul></nav></header>
<main>
<article class="post">
<header><h1>Iran’s Eastern Turn: Why Tehran Looks to Moscow</h1>
<p class="byline">By <a rel="author" href="/people/samira-haddad">Samira Haddad</a></p><time datetime="2024-03-05">5 March 2024</time></header>
<p>${LOREM[0]}</p>
<p>${LOREM[1]} <a href="javascript:alert('html-link')">Read the background</a> for details.</p>
<h2>The limits of partnership</h2>
<p>${LOREM[2]}</p>
<blockquote class="pullquote"><p>Moscow is the most willing partner, but not the most useful one.</p></blockquote>
<p>Three constraints shape the relationship today:</p>
<ul><li>Competition for the same oil customers in Asia.</li><li>Payment channels that sanctions keep <em>slow</em> and expensive.</li><li>Mutual suspicion rooted in a long history.</li></ul>
<figure><img src="caspian.jpg" alt="A ship in the port" onerror="alert('html-img')"><figcaption>The port of Anzali on the Caspian Sea in 2023.</figcaption></figure>
<blockquote><p>“We look east because the west has closed its doors,” an Iranian official said in 2023, summing up the mood in Tehran.</p></blockquote>
<p>Whether the turn east lasts depends less on Moscow and Beijing than on whether Europe and the United States ever reopen the door to Iranian trade and finance.</p>
</article>
</main>
<aside class="related-articles"><h3>Related</h3><ul><li><a href="/a">Iran and the Gulf</a></li><li><a href="/b">Russia in Syria</a></li></ul></aside>
<footer class="site-footer"><p>© 2024 Example Institute. All rights reserved.</p><p><a href="/privacy">Privacy policy</a></p></footer>
<script>trackPageView('tracking-body');</script>
</body>
</html>
`;

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const para = (text: string, style?: string, list?: boolean): string => {
  const pPr = style === undefined ? '' : `<w:pPr><w:pStyle w:val="${style}"/>${list ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : ''}</w:pPr>`;
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
};
const styleDef = (id: string, name: string): string => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;

/** The smallest set of parts Word and mammoth accept, plus styles and numbering for headings and bullets. */
export const DOCX_PARTS: Readonly<Record<string, string>> = {
  '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
  '_rels/.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  'word/_rels/document.xml.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`,
  'word/styles.xml': `${XML}<w:styles ${W}>${styleDef('Heading1', 'heading 1')}${styleDef('Heading2', 'heading 2')}${styleDef('ListParagraph', 'List Paragraph')}</w:styles>`,
  'word/numbering.xml': `${XML}<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
  'word/document.xml': `${XML}<w:document ${W}><w:body>${[
    para('Iran’s economy under sanctions', 'Heading1'),
    '<w:p><w:r><w:t xml:space="preserve">Inflation has stayed above 40 per cent for </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>four years</w:t></w:r><w:r><w:t xml:space="preserve">, and the rial has lost most of its value since 2018.</w:t></w:r></w:p>',
    para('Coping strategies', 'Heading2'),
    para('Barter deals with neighbouring states', 'ListParagraph', true),
    para('Oil sales to China through intermediaries', 'ListParagraph', true),
    para('Subsidised imports of basic goods', 'ListParagraph', true),
    para('None of these strategies restores growth; together they keep the economy from collapse.'),
  ].join('')}<w:sectPr/></w:body></w:document>`,
  'docProps/core.xml': `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Sanctions and Survival: Iran’s Economy in 2024</dc:title><dc:creator>Report Author</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-15T12:00:00Z</dcterms:created></cp:coreProperties>`,
};
