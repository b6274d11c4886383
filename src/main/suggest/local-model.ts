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

/** The user's turn of a coding question: the code, its description and the sentence. */
function question(tag: { name: string; description: string }, sentence: string): string {
  return `Code "${tag.name}": ${tag.description}\n\nSentence: ${sentence}\n\nDoes the code apply?`;
}

/** One chat-completions request (OpenAI-compatible) asking for a yes or no; a redirect could point off the machine, so none is followed. */
function ask(doFetch: typeof fetch, base: string, model: string, user: string, signal: AbortSignal): Promise<Response> {
  return doFetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    redirect: 'error',
    signal,
    body: JSON.stringify({
      model,
      temperature: 0,
      max_tokens: 3,
      messages: [
        { role: 'system', content: 'You code sentences of analytic articles. Answer only "yes" or "no".' },
        { role: 'user', content: user },
      ],
    }),
  });
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
    const response = await ask(doFetch, base, opts.model, question(tag, sentence), controller.signal);
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

/**
 * "Test connection": one short question to the server, answered as a sentence the analyst can act on
 * (what answered, or why nothing usable did). A URL off this machine is refused before anything is sent.
 */
export async function testLocalModel(opts: LocalModelOptions): Promise<{ ok: boolean; message: string }> {
  let base: string;
  try {
    base = loopbackUrl(opts.url);
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  if (opts.model.trim() === '') return { ok: false, message: 'Name the model to use (for example llama3.2 for Ollama).' };
  const doFetch = opts.fetch ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 10_000);
  const started = Date.now();
  try {
    // Shaped like a real question (system, then user with a sentence), so a server that copes with this copes with suggestions.
    const response = await ask(doFetch, base, opts.model, question({ name: 'Test', description: 'a connection test.' }, 'This is a connection test.'), controller.signal);
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
      return { ok: false, message: `${base} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}. Check the model name and that the server speaks the OpenAI chat API.` };
    }
    const body = (await response.json().catch(() => null)) as { choices?: { message?: { content?: unknown } }[] } | null;
    const content = body?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') return { ok: false, message: `${base} answered, but not in the chat-completions format (no choices[0].message.content).` };
    const word = content.trim().toLowerCase();
    const usable = word.startsWith('yes') || word.startsWith('no');
    return {
      ok: usable,
      message: usable
        ? `Connected: ${opts.model} at ${base} answered “${content.trim().slice(0, 40)}” in ${Date.now() - started} ms.`
        : `${opts.model} at ${base} answered “${content.trim().slice(0, 40)}”, not yes or no: its verdicts would be ignored.`,
    };
  } catch (e) {
    if (controller.signal.aborted) return { ok: false, message: `${base} did not answer within ${Math.round((opts.timeoutMs ?? 10_000) / 1000)} s.` };
    // Node's fetch puts the socket error under `cause` (an AggregateError when several addresses were tried).
    const c = (e as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
    const cause = c?.code ?? c?.errors?.[0]?.code;
    return { ok: false, message: `Nothing answers at ${base}${cause ? ` (${cause})` : ''}. Is the server running?` };
  } finally {
    clearTimeout(timer);
  }
}
