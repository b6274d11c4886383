// Paths the renderer may act on: only those a dialog of the main process answered, handed out as one-use opaque tokens.
import { randomUUID } from 'node:crypto';
import { GlossatorError } from '../../shared/result';

/** Tokens kept at most: a renderer that asks for dialogs and never imports cannot grow the map without end. */
const MAX_GRANTS = 10_000;

/**
 * A compromised or buggy renderer must not name files itself: `importDocument({ path })` would read
 * any file the user can. The main process runs the dialog, keeps token → path for this session, and
 * the renderer only ever sees the token and the file's name.
 */
export class PathGrants {
  private readonly byToken = new Map<string, string>();

  constructor(private readonly newToken: () => string = randomUUID) {}

  /** A fresh token for a path a dialog (or a drop main saw) chose. */
  grant(path: string): string {
    const token = this.newToken();
    this.byToken.set(token, path);
    if (this.byToken.size > MAX_GRANTS) this.byToken.delete(this.byToken.keys().next().value!);
    return token;
  }

  /** The path behind a token, which is used up; any other string is refused without touching the disk. */
  take(token: string): string {
    const path = this.byToken.get(token);
    if (path === undefined) {
      throw new GlossatorError(
        'invalid-argument',
        'That file was not chosen in this window (or was already imported); choose it again with "Add documents".',
      );
    }
    this.byToken.delete(token);
    return path;
  }
}
