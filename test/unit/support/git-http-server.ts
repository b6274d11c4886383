// A real git HTTP remote on localhost for sync tests: a small Node server in front of `git http-backend` (smart HTTP,
// CGI), with basic auth checked against one token; it records every request line and auth header it saw (minus
// the credentials), so tests can assert the token never appears anywhere.
import { spawn, execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>/<name>.git` for a repository under the root. */
  url(name: string): string;
  /** Every request as "METHOD path?query status". */
  log: string[];
  /** Stops listening (the remote is unreachable, as when offline) and starts again on the same port. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Creates an empty bare repository `<root>/<name>.git` with branch main as its HEAD. */
export function bareRepo(root: string, name: string): string {
  const path = join(root, `${name}.git`);
  mkdirSync(path, { recursive: true });
  execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', path]);
  return path;
}

export async function startGitHttpServer(root: string, token: string): Promise<GitHttpServer> {
  const log: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const auth = req.headers.authorization ?? '';
    const [, b64] = /^Basic (.+)$/.exec(auth) ?? [];
    const password = b64 ? Buffer.from(b64, 'base64').toString('utf8').split(':').slice(1).join(':') : null;
    if (password !== token) {
      log.push(`${req.method} ${url.pathname}${url.search} 401`);
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end('Unauthorized');
      req.resume();
      return;
    }
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method,
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: 'tester',
      REMOTE_ADDR: '127.0.0.1',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
    };
    const cgi = spawn('git', ['http-backend'], { env });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    cgi.stderr.resume();
    cgi.on('close', () => {
      const out = Buffer.concat(chunks);
      const split = out.indexOf('\r\n\r\n') >= 0 ? out.indexOf('\r\n\r\n') : out.indexOf('\n\n');
      const sep = out.indexOf('\r\n\r\n') >= 0 ? 4 : 2;
      const head = out.subarray(0, split).toString('utf8');
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const [k, v] = [line.slice(0, i).trim(), line.slice(i + 1).trim()];
        if (k.toLowerCase() === 'status') status = Number(v.split(' ')[0]);
        else headers[k] = v;
      }
      log.push(`${req.method} ${url.pathname}${url.search} ${status}`);
      res.writeHead(status, headers).end(out.subarray(split + sep));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const stop = () => new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}.git`,
    log,
    stop,
    restart: () => new Promise<void>((done) => server.listen(port, '127.0.0.1', done)),
    close: () => (server.listening ? stop() : Promise.resolve()),
  };
}
