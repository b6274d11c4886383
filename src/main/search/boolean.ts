// Boolean queries: AND, OR, NOT, "quoted phrases" and parentheses over phrases, parsed into a tree with clear errors.
//
// Precedence, loosest first: OR, AND (also implicit, between terms), NOT. Operators are the upper-case
// words AND, OR, NOT, so "and", "or" and "not" in lower case stay words to look for. Bare words next to
// each other form one phrase, as a query without operators always did ("nuclear deal" finds the two
// words in a row); quotes make a phrase explicit and exact (no prefix matching of its last word). An
// unclosed quote runs to the end of the query, so typing `"nuclear d` searches as it goes; an unbalanced
// parenthesis or an operator with nothing to work on is an error that says where.
import { GlossatorError } from '../../shared/result';

/** A phrase to find: its text (tokenised later, as documents are) and whether it was quoted. */
export interface TermNode {
  kind: 'term';
  text: string;
  quoted: boolean;
}
export type QueryNode =
  | TermNode
  | { kind: 'and' | 'or'; items: QueryNode[] }
  | { kind: 'not'; item: QueryNode };

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'quoted'; text: string; at: number }
  | { kind: 'AND' | 'OR' | 'NOT' | '(' | ')'; at: number };

const OPEN_QUOTES = new Set(['"', '“', '„']);
const CLOSE_QUOTES = new Set(['"', '”', '“']);
const isSpace = (c: string): boolean => /\s/u.test(c);

function lex(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (isSpace(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c, at: i });
      i++;
    } else if (OPEN_QUOTES.has(c)) {
      let j = i + 1;
      while (j < query.length && !CLOSE_QUOTES.has(query[j]!)) j++;
      tokens.push({ kind: 'quoted', text: query.slice(i + 1, j), at: i });
      i = j + 1;
    } else {
      let j = i;
      while (j < query.length && !isSpace(query[j]!) && query[j] !== '(' && query[j] !== ')' && !OPEN_QUOTES.has(query[j]!)) j++;
      const text = query.slice(i, j);
      if (text === 'AND' || text === 'OR' || text === 'NOT') tokens.push({ kind: text, at: i });
      else tokens.push({ kind: 'word', text, at: i });
      i = j;
    }
  }
  return tokens;
}

const bad = (message: string): GlossatorError => new GlossatorError('invalid-argument', message);
const where = (t: Token): string => `at character ${t.at + 1}`;

/**
 * The query's tree, or null when it has no term at all (empty, spaces, punctuation the tokeniser
 * drops is decided later). `hasWords` says whether a term's text holds any searchable word, so that
 * terms of punctuation alone vanish without leaving an operator dangling unnoticed.
 */
export function parseBoolean(query: string, hasWords: (text: string) => boolean): QueryNode | null {
  // A term of punctuation alone finds nothing and is dropped (an operator left without it then says so).
  const tokens = lex(query).filter((t) => (t.kind === 'word' || t.kind === 'quoted' ? hasWords(t.text) : true));
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];

  const startsUnary = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'quoted' || t.kind === 'NOT' || t.kind === '(');

  function or(): QueryNode | null {
    const items: QueryNode[] = [];
    const first = and();
    if (first) items.push(first);
    while (peek()?.kind === 'OR') {
      const op = tokens[pos++]!;
      if (items.length === 0) throw bad(`OR ${where(op)} needs something to search for before it.`);
      if (!startsUnary(peek())) throw bad(`OR ${where(op)} needs something to search for after it.`);
      const next = and();
      if (next) items.push(next);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  function and(): QueryNode | null {
    const items: QueryNode[] = [];
    for (;;) {
      const t = peek();
      if (t?.kind === 'AND') {
        pos++;
        if (items.length === 0) throw bad(`AND ${where(t)} needs something to search for before it.`);
        if (!startsUnary(peek())) throw bad(`AND ${where(t)} needs something to search for after it.`);
        continue;
      }
      if (!startsUnary(t)) break;
      const item = unary();
      if (item) items.push(item);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  function unary(): QueryNode | null {
    const t = peek()!;
    if (t.kind === 'NOT') {
      pos++;
      if (!startsUnary(peek())) throw bad(`NOT ${where(t)} needs something to leave out after it.`);
      const item = unary();
      return item ? { kind: 'not', item } : null;
    }
    if (t.kind === '(') {
      pos++;
      const inner = or();
      const close = peek();
      if (close?.kind !== ')') throw bad(`The parenthesis ${where(t)} is never closed.`);
      pos++;
      if (!inner) throw bad(`The parentheses ${where(t)} hold nothing to search for.`);
      return inner;
    }
    if (t.kind === 'quoted') {
      pos++;
      return { kind: 'term', text: t.text, quoted: true };
    }
    // Bare words in a row are one phrase.
    const words: string[] = [];
    while (peek()?.kind === 'word') words.push((tokens[pos++] as { text: string }).text);
    return { kind: 'term', text: words.join(' '), quoted: false };
  }

  const tree = or();
  const rest = peek();
  if (rest?.kind === ')') throw bad(`The closing parenthesis ${where(rest)} has no opening one.`);
  if (rest) throw bad(`Unexpected ${rest.kind} ${where(rest)}.`);
  if (tree && !hasPositive(tree)) {
    throw bad('Say what to look for, not only what to leave out: NOT needs a term beside it (e.g. "sanctions NOT oil").');
  }
  return tree;
}

/** Whether the tree can match by something found, not only by something absent. */
function hasPositive(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
      return true;
    case 'not':
      return false;
    case 'and':
      return node.items.some(hasPositive);
    case 'or':
      return node.items.every(hasPositive);
  }
}

/** The terms whose occurrences are shown as hits: those not under a NOT. */
export function positiveTerms(node: QueryNode, out: TermNode[] = []): TermNode[] {
  if (node.kind === 'term') out.push(node);
  else if (node.kind !== 'not') for (const item of node.items) positiveTerms(item, out);
  return out;
}

/** Every term of the tree, in query order. */
export function allTerms(node: QueryNode, out: TermNode[] = []): TermNode[] {
  if (node.kind === 'term') out.push(node);
  else if (node.kind === 'not') allTerms(node.item, out);
  else for (const item of node.items) allTerms(item, out);
  return out;
}

/** Whether a document matches, given which terms occur in it. */
export function evaluate(node: QueryNode, occurs: (term: TermNode) => boolean): boolean {
  switch (node.kind) {
    case 'term':
      return occurs(node);
    case 'not':
      return !evaluate(node.item, occurs);
    case 'and':
      return node.items.every((n) => evaluate(n, occurs));
    case 'or':
      return node.items.some((n) => evaluate(n, occurs));
  }
}
