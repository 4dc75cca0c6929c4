import { Writable } from 'node:stream';
import { openTestDatabase } from '@ariadne/db/testing';
import type { Database } from '@ariadne/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app.ts';
import { requestIdOf } from './request-id.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let database: Database;
let app: FastifyInstance;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  app = await buildServer({ database, webDir: null, logger: { level: 'info', stream } });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('request ids', () => {
  it('keeps a sane incoming id and replaces anything else', () => {
    expect(requestIdOf({ headers: { 'x-request-id': 'lb-7f3a.42:1' } })).toBe('lb-7f3a.42:1');
    expect(requestIdOf({ headers: {} })).toMatch(UUID);
    expect(requestIdOf({ headers: { 'x-request-id': 'two words' } })).toMatch(UUID);
    expect(requestIdOf({ headers: { 'x-request-id': 'x'.repeat(129) } })).toMatch(UUID);
    expect(requestIdOf({ headers: { 'x-request-id': '' } })).toMatch(UUID);
  });

  it('answers with the request’s id, and writes it in every log line of the request', async () => {
    const sent = await app.inject({ method: 'GET', url: '/api/no-such-thing', headers: { 'x-request-id': 'probe-123' } });
    expect(sent.statusCode).toBe(404);
    expect(sent.headers['x-request-id']).toBe('probe-123');
    const mine = lines.filter((line) => line.reqId === 'probe-123');
    expect(mine.map((line) => line.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(lines.filter((line) => line.req !== undefined || line.res !== undefined).every((line) => typeof line.reqId === 'string')).toBe(
      true,
    );

    const generated = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'bad id\u0007' } });
    expect(generated.headers['x-request-id']).toMatch(UUID);
    const other = await app.inject({ method: 'GET', url: '/api/health' });
    expect(other.headers['x-request-id']).toMatch(UUID);
    expect(other.headers['x-request-id']).not.toBe(generated.headers['x-request-id']);
  });

  it('gives refusals their id too, and does not log every health check', async () => {
    const refused = await app.inject({ method: 'GET', url: '/api/participants/DL/users', headers: { 'x-request-id': 'refused-1' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['x-request-id']).toBe('refused-1');
    const before = lines.length;
    await app.inject({ method: 'GET', url: '/api/health' });
    await app.inject({ method: 'GET', url: '/api/ready' });
    expect(lines.length).toBe(before);
  });
});
