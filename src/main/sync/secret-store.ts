// Where sync keeps remote tokens: a port (Electron's safeStorage in the app, memory in tests, $GLOSSATOR_TOKEN in the
// CLI) keyed by the remote's address. A token is never written to the repository, .git/config, logs or messages.
export interface SecretStore {
  get(remoteUrl: string): Promise<string | null>;
  set(remoteUrl: string, token: string): Promise<void>;
  delete(remoteUrl: string): Promise<void>;
}

/** Tokens keyed by origin + path, so one token serves one repository however its address is spelled. */
export function secretKey(remoteUrl: string): string {
  try {
    const url = new URL(remoteUrl);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\.git$/, '').replace(/\/+$/, '')}`;
  } catch {
    return remoteUrl;
  }
}

export class MemorySecretStore implements SecretStore {
  private readonly tokens = new Map<string, string>();
  async get(remoteUrl: string) {
    return this.tokens.get(secretKey(remoteUrl)) ?? null;
  }
  async set(remoteUrl: string, token: string) {
    this.tokens.set(secretKey(remoteUrl), token);
  }
  async delete(remoteUrl: string) {
    this.tokens.delete(secretKey(remoteUrl));
  }
}
