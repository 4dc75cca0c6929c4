import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@ariadne/db';
import { sql } from 'kysely';

// The real server as a separate process, as `npm start` runs it, for the tests that kill it or
// its database: what a process that dies or loses its database leaves behind.

const BIN = fileURLToPath(new URL('../../../cli/bin/ariadne.js', import.meta.url));

/** A TCP port on the loopback interface that nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote so far. */
  output(): string;
  /** Resolves when the server has written a line that matches. */
  waitForOutput(pattern: RegExp): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
};

/** Starts `ariadne serve --demo` on the database the environment names and waits until it answers. */
export async function startServerProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...env, LOG_LEVEL: 'info', ARIADNE_LANGUAGE: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const watchers: { pattern: RegExp; done: () => void }[] = [];
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const watcher of [...watchers]) {
      if (watcher.pattern.test(output)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.done();
      }
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    waitForOutput(pattern) {
      if (pattern.test(output)) return Promise.resolve();
      return new Promise((done) => watchers.push({ pattern, done }));
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
    },
  };
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server stopped (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${server.url}/api/health`);
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.kill('SIGKILL');
  throw new Error(`the server did not answer:\n${output}`);
}

export type Session = {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
};

/** Signs in through the API, and returns a client that carries the session and its CSRF token. */
export async function signIn(url: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').match(/ariadne_session=[^;]+/)?.[0];
  if (!cookie) throw new Error('no session cookie');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    request(method, path, body, headers = {}) {
      return fetch(`${url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
  };
}

/** Runs one statement on the PostgreSQL server at `url` (creating or dropping a database). */
async function onServer(url: string, statement: string): Promise<void> {
  const database = await openDatabase({ kind: 'postgres', url });
  try {
    await sql.raw(statement).execute(database.db);
  } finally {
    await database.close();
  }
}

/** A new, empty database on the PostgreSQL server at `url`, and how to drop it. */
export async function createPostgresDatabase(url: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await onServer(url, `CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: () => onServer(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
