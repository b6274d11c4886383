// The one typed harness for unit tests that drive the core through its boundary (dispatch), as the renderer does.
//
// Method names, arguments and results are typed from src/shared/contract.ts, so a test that sends the wrong
// arguments or reads the wrong result shape is a type error. Tests that send malformed calls on purpose use
// `send`, which stays untyped.
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Core } from '../../../src/main/core/core';
import { dispatch } from '../../../src/main/core/dispatch';
import type { Args, Method, Results } from '../../../src/shared/contract';
import type { ErrorCode, GlossError, Result } from '../../../src/shared/result';

/** The bundled seed corpus (five articles) the app ships with. */
export const SEED_CORPUS = join(process.cwd(), 'corpus');

/** The arguments of a method: optional when the method takes none (`{}`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is exactly "takes no arguments".
export type ArgsOf<M extends Method> = {} extends Args<M> ? [args?: Args<M>] : [args: Args<M>];
/** The arguments of a method, then optionally the core to call instead of the current one. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ArgsAndCore<M extends Method> = {} extends Args<M> ? [args?: Args<M>, on?: Core] : [args: Args<M>, on?: Core];

/** One call through the boundary, typed by the contract; answers the Result, never throws. */
export function call<M extends Method>(core: Core, method: M, ...[args]: ArgsOf<M>): Promise<Result<Results[M]>> {
  return dispatch(core.handlers, method, args ?? {}) as Promise<Result<Results[M]>>;
}

/** An untyped call, for tests that send unknown methods or malformed payloads on purpose. */
export function send(core: Core, method: unknown, payload: unknown): Promise<Result<unknown>> {
  return dispatch(core.handlers, method, payload);
}

/**
 * `call` bound to the core a test file keeps in a variable (reassigned in beforeEach), with an optional
 * other core as the last argument: `const call = callOn(() => core); call('listTags', {}, otherCore)`.
 */
export function callOn(current: () => Core) {
  return <M extends Method>(method: M, ...[args, on]: ArgsAndCore<M>): Promise<Result<Results[M]>> =>
    dispatch((on ?? current()).handlers, method, args ?? {}) as Promise<Result<Results[M]>>;
}

/** The value of a call that must succeed; a failure throws with its code and message. */
export async function value<T>(result: Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** The error of a call that must fail; a success throws. */
export async function failure(result: Promise<Result<unknown>>): Promise<GlossError> {
  const r = await result;
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

/** Expects the call to be refused with this code; answers the message the analyst would read. */
export async function refused(result: Promise<Result<unknown>>, code: ErrorCode): Promise<string> {
  const r = await result;
  expect(r.ok ? 'ok' : r.error.code).toBe(code);
  return r.ok ? '' : r.error.message;
}
