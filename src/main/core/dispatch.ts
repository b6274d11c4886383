// The main-process boundary: validates a call's payload against the contract and turns throws into error values.
import type { z } from 'zod';
import { argSchemas, METHODS, type Handlers, type Method } from '../../shared/contract';
import { GlossatorError, fail, ok, type Result } from '../../shared/result';

const isMethod = (name: unknown): name is Method =>
  typeof name === 'string' && (METHODS as readonly string[]).includes(name);

/** Plain words for the first schema problem, e.g. "note: A note may hold at most 20000 characters." */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request was malformed.';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

export function toFailure(error: unknown): Result<never> {
  if (error instanceof GlossatorError) return fail(error.code, error.message);
  const message = error instanceof Error ? error.message : String(error);
  return fail('internal', `Something went wrong inside Glossator: ${message}`);
}

/** Runs one call. Never throws: every outcome, including a bug, comes back as a Result. */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  // typeof, not String(): a value whose toString throws must not make the boundary throw.
  if (!isMethod(method)) return fail('invalid-argument', `Unknown call (${typeof method === 'string' ? `"${method.slice(0, 80)}"` : typeof method}).`);
  const parsed = argSchemas[method].safeParse(payload ?? {});
  if (!parsed.success) {
    const tooBig = parsed.error.issues.some((i) => i.code === 'too_big');
    return fail(tooBig ? 'too-large' : 'invalid-argument', describeIssues(parsed.error));
  }
  try {
    // The schema guarantees the shape the handler expects; TypeScript cannot correlate the union.
    const handler = handlers[method] as (args: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (error) {
    return toFailure(error);
  }
}
