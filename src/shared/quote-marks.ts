// Quotation marks around text shown as a quote, never doubled when the text brings its own.

/** Marks that open a quotation in the languages of the corpus (English, German, French); not apostrophes. */
const OPENS = /^["“„«]/u;
/** Marks that close one. ’ and ' are left out: "the Russians’" ends with an apostrophe, not a quote. */
const CLOSES = /["”»]$/u;

/**
 * “text”, except that a passage which itself begins with a quotation mark gets no second opening
 * mark, and one that ends with a closing mark no second closing one: “Iran is against…” rather
 * than ““Iran is against…”. A cut-off passage ("…") still gets its closing mark.
 */
export function inQuotes(text: string): string {
  return `${OPENS.test(text) ? '' : '“'}${text}${CLOSES.test(text) ? '' : '”'}`;
}
