// A tag's name as a status message quotes it: whole up to 60 characters, else cut with "…", so a 200-character name cannot flood the status line.

const MAX_QUOTED = 60;

/** “Friction”, or “Sanctions and counter-sanctions on oil, gas, banking and sh…” for a long name. */
export function quoteTag(name: string | undefined): string {
  const text = name ?? '';
  return `“${text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1).trimEnd()}…` : text}”`;
}
