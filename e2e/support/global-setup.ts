import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, waitForHealth } from './server.ts';

const ROOT = resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Starts the real server (built web application, fresh embedded database, demo data) for the
 * journeys. They sign in far more often than people do, all from one address, so the per-address
 * sign-in limit is raised for them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ariadne-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ARIADNE_DATA_DIR: join(dataDir, 'data'),
    LOG_LEVEL: 'warn',
    PORT: String(port),
    ARIADNE_SIGN_INS_PER_MINUTE: '1000',
  };
  delete env.DATABASE_URL;
  let log = '';
  const server = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/ariadne.js'), 'serve', '--demo'], { cwd: ROOT, env });
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, server, () => log);
  project.provide('baseUrl', baseUrl);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
