// Remotes: which transport an address takes (HTTPS through isomorphic-git with a token, or a path through the local
// transport), fetch and push over either, and failures turned into SyncErrors whose text never holds the token.
import git, { type HttpClient } from 'isomorphic-git';
import httpNode from 'isomorphic-git/http/node';
import fs from 'node:fs';
import { SyncError } from './errors';
import { copyCommits, pathRemoteGitdir, remoteBranch, updateRemoteBranch, type ObjectStore } from './local-transport';

export type RemoteKind = 'http' | 'path';

export function remoteKind(url: string): RemoteKind {
  if (/^https?:\/\//i.test(url)) return 'http';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('file://')) {
    throw new SyncError('bad-remote', `Glossator syncs over HTTPS or with a folder; "${url.split('://')[0]}://" addresses are not supported.`);
  }
  return 'path';
}

/** A remote address as it may be stored: HTTPS without credentials in it (those belong in the token store). */
export function checkRemoteUrl(url: string): string {
  const trimmed = url.trim();
  if (trimmed === '') throw new SyncError('bad-remote', 'The remote address is empty.');
  if (remoteKind(trimmed) === 'http') {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw new SyncError('bad-remote', 'The remote address is not a valid URL.');
    }
    if (parsed.username || parsed.password) {
      throw new SyncError('bad-remote', 'The remote address carries a user name or password. Give the address without it and the token separately.');
    }
  }
  return trimmed;
}

export interface RemoteAccess {
  url: string;
  token: string | null;
  http?: HttpClient;
}

/** Every message leaving here is scrubbed of the token, whatever a server or library put in it. */
export function scrub(text: string, token: string | null): string {
  let out = text.replace(/(https?:\/\/)[^/@\s]+@/gi, '$1');
  if (token) out = out.split(token).join('•••');
  return out;
}

function describe(error: unknown, access: RemoteAccess, phase: 'fetch' | 'push'): SyncError {
  if (error instanceof SyncError) return new SyncError(error.code, scrub(error.message, access.token));
  const e = error as { code?: string; data?: { statusCode?: number; reason?: string }; message?: string; cause?: { code?: string } };
  const where = scrub(access.url, access.token);
  const status = e.data?.statusCode;
  if (e.code === 'HttpError' && (status === 401 || status === 403)) {
    return new SyncError('auth', access.token
      ? `The remote ${where} refused the token (HTTP ${status}). Check that it is current and may read and write this repository.`
      : `The remote ${where} asks for a token (HTTP ${status}). Add one in Sync settings (or $GLOSSATOR_TOKEN for the CLI).`);
  }
  if (e.code === 'HttpError' && status === 404) return new SyncError('remote-missing', `There is no repository at ${where} (HTTP 404).`);
  const os = e.code && /^E[A-Z]+$/.test(e.code) ? e.code : e.cause?.code;
  if (os && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'ENETUNREACH', 'EHOSTUNREACH'].includes(os)) {
    return new SyncError('offline', `Could not reach ${where} (${os}): you may be offline.`);
  }
  if (e.code === 'PushRejectedError') return new SyncError('push-rejected', 'The remote refused the push: someone else pushed first.');
  return new SyncError('failed', scrub(`Could not ${phase} ${where}: ${e.message ?? String(error)}`, access.token));
}

/** Credentials for isomorphic-git; `refused` says afterwards whether the server turned the token down. */
function auth(access: RemoteAccess) {
  const state = { asked: false, refused: false };
  return {
    state,
    callbacks: {
      onAuth: () => {
        state.asked = true;
        return access.token ? { username: 'glossator', password: access.token } : { cancel: true };
      },
      // One try only: a wrong token is reported, not retried (servers lock accounts after repeated failures).
      onAuthFailure: () => {
        state.refused = true;
        return { cancel: true };
      },
    },
  };
}

/** isomorphic-git reports a cancelled login as UserCanceledError: say which login failed. */
function authError(error: unknown, access: RemoteAccess, state: { asked: boolean; refused: boolean }): unknown {
  if ((error as { code?: string }).code !== 'UserCanceledError') return error;
  const where = scrub(access.url, access.token);
  return new SyncError('auth', state.refused && access.token
    ? `The remote ${where} refused the token (HTTP 401). Check that it is current and may read and write this repository.`
    : `The remote ${where} asks for a token (HTTP 401). Add one in Sync settings (or $GLOSSATOR_TOKEN for the CLI).`);
}

/** Fetches the branch into refs/remotes/origin/<branch>; returns the remote's commit, or null for an empty remote. */
export async function fetchRemote(local: ObjectStore, access: RemoteAccess, branch: string): Promise<string | null> {
  try {
    if (remoteKind(access.url) === 'path') {
      const remote: ObjectStore = { gitdir: await pathRemoteGitdir(access.url), cache: {} };
      const tip = await remoteBranch(remote, branch);
      if (tip) await copyCommits(remote, local, tip);
      if (tip) await git.writeRef({ fs, gitdir: local.gitdir, ref: `refs/remotes/origin/${branch}`, value: tip, force: true });
      return tip;
    }
    const http = access.http ?? httpNode;
    const { state, callbacks } = auth(access);
    try {
      const refs = await git.listServerRefs({ http, url: access.url, prefix: `refs/heads/${branch}`, ...callbacks });
      const tip = refs.find((r) => r.ref === `refs/heads/${branch}`)?.oid ?? null;
      if (!tip) return null;
      const result = await git.fetch({ fs, http, gitdir: local.gitdir, cache: local.cache, url: access.url, ref: branch, remoteRef: branch, remote: 'origin', singleBranch: true, tags: false, ...callbacks });
      return result.fetchHead ?? tip;
    } catch (error) {
      throw authError(error, access, state);
    }
  } catch (error) {
    throw describe(error, access, 'fetch');
  }
}

/** Pushes our branch tip over `expected` (the remote commit we merged); a moved remote is a push-rejected SyncError. */
export async function pushRemote(local: ObjectStore, access: RemoteAccess, branch: string, expected: string | null, tip: string, beforeRef?: () => Promise<void>): Promise<void> {
  try {
    if (remoteKind(access.url) === 'path') {
      const remote: ObjectStore = { gitdir: await pathRemoteGitdir(access.url), cache: {} };
      await copyCommits(local, remote, tip);
      await beforeRef?.();
      await updateRemoteBranch(remote, branch, expected, tip);
      return;
    }
    await beforeRef?.();
    const { state, callbacks } = auth(access);
    const result = await git
      .push({ fs, http: access.http ?? httpNode, gitdir: local.gitdir, cache: local.cache, url: access.url, ref: branch, remoteRef: branch, ...callbacks })
      .catch((error: unknown) => {
        throw authError(error, access, state);
      });
    if (!result.ok) throw new SyncError('push-rejected', `The remote refused the push: ${result.error ?? 'no reason given'}.`);
  } catch (error) {
    throw describe(error, access, 'push');
  }
}
