// Sync tokens for the app: encrypted with Electron's safeStorage (the OS keychain) into one file in the data folder,
// never in a project, its .git/config or a log. Without OS encryption available, tokens are kept for the session only.
import { safeStorage } from 'electron';
import { readFile } from 'node:fs/promises';
import { writeDurably } from '../store/durable-write';
import { secretKey, type SecretStore } from '../sync/secret-store';

export class SafeStorageSecrets implements SecretStore {
  private readonly session = new Map<string, string>();

  constructor(private readonly file: string) {}

  private async load(): Promise<Record<string, string>> {
    const text = await readFile(this.file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
    if (text === null) return {};
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = null;
    }
    // A file that does not read is never overwritten: it may hold other remotes' sealed tokens.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`The saved sync tokens in ${this.file} cannot be read. Move that file aside to enter tokens again.`);
    }
    return value as Record<string, string>;
  }

  private async save(all: Record<string, string>): Promise<void> {
    await writeDurably(this.file, new TextEncoder().encode(JSON.stringify(all)));
  }

  async get(remoteUrl: string): Promise<string | null> {
    const key = secretKey(remoteUrl);
    if (this.session.has(key)) return this.session.get(key)!;
    const sealed = (await this.load())[key];
    if (!sealed || !safeStorage.isEncryptionAvailable()) return null;
    try {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      return null; // sealed on another machine or by another user: ask again
    }
  }

  async set(remoteUrl: string, token: string): Promise<void> {
    const key = secretKey(remoteUrl);
    if (!safeStorage.isEncryptionAvailable()) {
      this.session.set(key, token);
      return;
    }
    const all = await this.load();
    all[key] = safeStorage.encryptString(token).toString('base64');
    await this.save(all);
  }

  async delete(remoteUrl: string): Promise<void> {
    const key = secretKey(remoteUrl);
    this.session.delete(key);
    const all = await this.load();
    if (key in all) {
      delete all[key];
      await this.save(all);
    }
  }
}
