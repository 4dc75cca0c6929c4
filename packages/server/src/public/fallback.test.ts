import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase } from '@ariadne/db/testing';
import type { Database } from '@ariadne/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app.ts';

let database: Database;
let app: FastifyInstance;
let webDir: string;

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'ariadne-web-'));
  writeFileSync(
    join(webDir, 'index.html'),
    '<!doctype html><title>Ariadne</title><div id="root"></div><script src="/assets/x.js"></script>',
  );
  database = await openTestDatabase();
  app = await buildServer({ database, webDir });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('the portal beside the web application', () => {
  it('answers every address under /public itself, never with the web application', async () => {
    // The list of portals and the regional picture are pages even with nothing published.
    for (const url of ['/public', '/public/region']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain('<div id="root">');
    }
    for (const url of ['/public/', '/public/DL', '/public/DL/plans/AP-1', '/public/DL/data/x.csv', '/public/DL/a/b/c?lang=mk']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('<div id="root">');
      expect(response.body, url).toContain('<main id="content"');
    }
    expect((await app.inject({ method: 'GET', url: '/public/DL?lang=mk' })).body).toContain('<html lang="mk">');
    expect((await app.inject({ method: 'GET', url: '/plans' })).body).toContain('<div id="root">');
  });
});
