// Optional evidence from a local model server (OpenAI-compatible, e.g. Ollama or llama.cpp): loopback URLs only, off by default.
import { GlossatorError } from '../../shared/result';

/** Hosts that are this machine. Anything else is refused, so no text can leave it. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Checks a base URL ("http://127.0.0.1:11434/v1"): http(s), a loopback host, no credentials; answers it normalised. */
export function loopbackUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new GlossatorError('invalid-argument', `"${raw}" is not a URL. Use one like http://127.0.0.1:11434/v1.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new GlossatorError('invalid-argument', 'A local model URL must start with http:// or https://.');
  if (!LOOPBACK.test(url.hostname)) {
    throw new GlossatorError('invalid-argument', `Only a model server on this machine (localhost, 127.0.0.1, [::1]) is accepted, not "${url.hostname}": nothing leaves the machine.`);
  }
  if (url.username !== '' || url.password !== '') throw new GlossatorError('invalid-argument', 'A local model URL may not carry a user name or password.');
  return url.href.replace(/\/+$/, '');
}

export interface LocalModelOptions {
  url: string;
  model: string;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Milliseconds per request before it is given up (the sentence keeps its other evidence). */
  timeoutMs?: number;
}

/**
 * Asks the server whether `sentence` fits the tag's description. Answers 'yes', 'no', or null when the
 * server did not answer usably (down, slow, odd reply): the model is one more piece of evidence, never a
 * reason to fail.
 */
export async function askLocalModel(opts: LocalModelOptions, tag: { name: string; description: string }, sentence: string): Promise<'yes' | 'no' | null> {
  const base = loopbackUrl(opts.url);
  const doFetch = opts.fetch ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 5000);
  try {
    const response = await doFetch(`${base}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // A redirect could point off the machine; it is not followed.
      redirect: 'error',
      signal: controller.signal,
      body: JSON.stringify({
        model: opts.model,
        temperature: 0,
        max_tokens: 3,
        messages: [
          { role: 'system', content: 'You code sentences of analytic articles. Answer only "yes" or "no".' },
          { role: 'user', content: `Code "${tag.name}": ${tag.description}\n\nSentence: ${sentence}\n\nDoes the code apply?` },
        ],
      }),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string') return null;
    const word = content.trim().toLowerCase();
    return word.startsWith('yes') ? 'yes' : word.startsWith('no') ? 'no' : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
