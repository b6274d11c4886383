// FileOps over the real file system that fail one chosen step, once, with a chosen OS error code.
import { type FileOps, realFileOps } from '../../../src/main/store/file-ops';

/** The steps of a save (and a read) a fault can be injected at. */
export type Step = 'read' | 'mkdir' | 'write' | 'fsync' | 'close' | 'backup' | 'rename' | 'dir-fsync';

export interface Fault {
  step: Step;
  code: string;
  /** How many times it fires before clearing; default once. */
  times?: number;
  /** Only calls on this path (the file, or the temp-file rename's target) trip it. */
  path?: string;
}

export function osError(code: string, call: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected fault, ${call}`), { code, errno: -1, syscall: call });
}

/**
 * Real file-system calls, except that the armed fault's step throws its code. The temp-file rename
 * of a save is "rename"; renames of backups and of damaged files are left alone. "backup" fails
 * both the hard link and the copy fallback, so no backup can be kept.
 */
export class FaultyOps {
  private fault: (Fault & { left: number }) | null = null;
  /** Every fault that fired, as "step:code". */
  readonly fired: string[] = [];

  arm(fault: Fault): void {
    this.fault = { ...fault, left: fault.times ?? 1 };
  }

  disarm(): void {
    this.fault = null;
  }

  private trip(step: Step, call: string, path?: string): void {
    const f = this.fault;
    if (!f || f.step !== step || f.left <= 0) return;
    if (f.path !== undefined && path !== f.path) return;
    f.left--;
    this.fired.push(`${step}:${f.code}`);
    throw osError(f.code, call);
  }

  readonly ops: FileOps = {
    readFile: async (file) => {
      this.trip('read', 'open', file);
      return realFileOps.readFile(file);
    },
    mkdir: async (dir) => {
      this.trip('mkdir', 'mkdir');
      return realFileOps.mkdir(dir);
    },
    create: async (file) => {
      const handle = await realFileOps.create(file);
      return {
        write: async (bytes) => {
          this.trip('write', 'write');
          await handle.write(bytes);
        },
        sync: async () => {
          this.trip('fsync', 'fsync');
          await handle.sync();
        },
        close: async () => {
          // The descriptor is closed either way, as close(2) does even when it reports an error.
          await handle.close();
          this.trip('close', 'close');
        },
      };
    },
    rename: async (from, to) => {
      if (from.includes('.tmp-') && !to.includes('.tmp-')) this.trip('rename', 'rename');
      return realFileOps.rename(from, to);
    },
    link: async (existing, alias) => {
      if (alias.endsWith('.bak')) this.trip('backup', 'link');
      return realFileOps.link(existing, alias);
    },
    copy: async (from, to) => {
      const f = this.fault;
      if (to.endsWith('.bak') && f?.step === 'backup') throw osError(f.code, 'copyfile');
      return realFileOps.copy(from, to);
    },
    unlink: (file) => realFileOps.unlink(file),
    stat: (file) => realFileOps.stat(file),
    readdir: (dir) => realFileOps.readdir(dir),
    fsyncDir: async (dir) => {
      this.trip('dir-fsync', 'fsync');
      return realFileOps.fsyncDir(dir);
    },
  };
}
