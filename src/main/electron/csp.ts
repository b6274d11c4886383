// The renderer's Content-Security-Policy, sent as a response header by the app:// protocol (the page's meta tag says the same).

/**
 * Nothing is allowed unless listed: scripts, styles and fonts only from the app itself, no inline
 * code, no eval, no plugins, no <base>, no form posts, no frames in or out. `data:` images are kept
 * for the chart previews; connect-src 'self' lets the renderer fetch its own assets only.
 * frame-ancestors is honoured only in a header (browsers ignore it in a meta tag), which is one
 * reason the header exists at all.
 */
export const RENDERER_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a meta tag cannot carry (the browser ignores them there). */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ['frame-ancestors', 'report-uri', 'sandbox'];

export function serializeCsp(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Directive name → sources, as a browser reads a policy: names lower-cased, the first of a repeated name wins. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, sources);
  }
  return directives;
}

export const RENDERER_CSP = serializeCsp(RENDERER_CSP_DIRECTIVES);
