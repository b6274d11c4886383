// How spreadsheets read a CSV file, for tests: an independent reading, not the exporter's own rule.
/**
 * How a spreadsheet splits a CSV file with `separator` as its list separator, written from what
 * Excel and LibreOffice do, not from the exporter's rule: a field is quoted only when its first
 * character is '"' (then '""' is a quote, separators and line breaks are kept, and anything after
 * the closing quote is appended as it is); elsewhere a quote is an ordinary character, and CR, LF
 * or CRLF end the row.
 */
export function readAsSpreadsheet(text: string, separator: ',' | ';' | '\t'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (text[i] === '"') break;
        else cell += text[i];
      }
      i++;
    }
    while (i < text.length && text[i] !== separator && text[i] !== '\r' && text[i] !== '\n') cell += text[i++];
    row.push(cell);
    if (text[i] === separator) i++;
    else {
      i += text.startsWith('\r\n', i) ? 2 : 1;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** A cell a spreadsheet evaluates: it starts with = + - @, also once leading spaces are trimmed. */
export const isFormula = (cell: string) => /^ *[=+\-@]/.test(cell);
