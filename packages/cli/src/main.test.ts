import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/ariadne.js', import.meta.url));

// The command line runs as a person runs it: a separate process, on its own database (a new
// embedded one in a temporary folder, or a new database on the PostgreSQL server of DATABASE_URL).
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const base = { ...process.env, ARIADNE_LANGUAGE: 'en' };
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `ariadne_cli_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    env = { ...base, DATABASE_URL: target.toString() };
    cleanup = async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ariadne-cli-'));
    env = { ...base, ARIADNE_DATA_DIR: join(dir, 'data') };
    delete env.DATABASE_URL;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => cleanup?.());

async function ariadne(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npx ariadne', () => {
  it('migrates, loads the demo once, and adds accounts with a one-time password', async () => {
    const migrated = await ariadne('migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('Applied 0001_foundation');

    const demo = await ariadne('demo');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Demo data loaded.');
    expect(demo.stdout).toContain('coordinator@demoland.example');
    expect((await ariadne('demo')).stdout).toContain('Demo data was already there.');

    const added = await ariadne(
      'user',
      'add',
      'Shelter.Manager@Demoland.example',
      '--role',
      'focal_point',
      '--participant',
      'DL',
      '--institution',
      'NGO-SH',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/One-time password: [a-z2-9]{5}(-[a-z2-9]{5}){3}/);
  });

  it('fails with one clear line on standard error and a non-zero exit, changing nothing', async () => {
    const duplicate = await ariadne('user', 'add', 'shelter.manager@demoland.example', '--role', 'observer', '--participant', 'DL');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stdout).toBe('');
    expect(duplicate.stderr.trim().split('\n')).toHaveLength(1);
    expect(duplicate.stderr).toContain('email: An account with this e-mail address already exists.');

    const noInstitution = await ariadne('user', 'add', 'new.focal@demoland.example', '--role', 'focal_point', '--participant', 'DL');
    expect(noInstitution.code).toBe(1);
    expect(noInstitution.stderr).toMatch(/^ariadne: .*institution: This field is required\.\n$/);

    const badRole = await ariadne('user', 'add', 'new.focal@demoland.example', '--role', 'wizard', '--participant', 'DL');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role');

    // The refused account was not created: adding it properly now works.
    const proper = await ariadne('user', 'add', 'new.focal@demoland.example', '--role', 'observer', '--participant', 'DL');
    expect(proper.code).toBe(0);
  });
});
