import { openTestDatabase } from '@ariadne/db/testing';
import type { Database } from '@ariadne/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app.ts';

let database: Database;
let open: FastifyInstance;
let guarded: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  // Two servers in one process, as in the tests: each keeps its own metrics.
  open = await buildServer({ database, webDir: null, metricsToken: null });
  guarded = await buildServer({ database, webDir: null, metricsToken: 'scrape-secret-1' });
  await Promise.all([open.ready(), guarded.ready()]);
});
afterAll(async () => {
  await open?.close();
  await guarded?.close();
  await database?.close();
});

/** The samples of a metric in the exposition, as `name{labels} value` lines. */
function samples(text: string, name: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

describe('the metrics', () => {
  it('expose request latency by route pattern and status class, errors by code, the pool and the document queue', async () => {
    await open.inject({ method: 'GET', url: '/api/health' });
    await open.inject({ method: 'GET', url: '/api/participants/DL/strategies' });
    await open.inject({ method: 'GET', url: '/api/participants/WM/strategies' });
    await open.inject({ method: 'GET', url: '/api/no/such/thing/42' });

    const response = await open.inject({ method: 'GET', url: '/api/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(text).toContain('# TYPE ariadne_http_request_duration_seconds histogram');
    const pattern = 'route="/api/participants/:participant/strategies",status_class="4xx"';
    expect(samples(text, 'ariadne_http_request_duration_seconds_count')).toContain(
      `ariadne_http_request_duration_seconds_count{method="GET",${pattern}} 2`,
    );
    expect(text).toContain(`ariadne_http_request_duration_seconds_bucket{le="+Inf",method="GET",${pattern}} 2`);
    expect(samples(text, 'ariadne_http_request_duration_seconds_count')).toContain(
      'ariadne_http_request_duration_seconds_count{method="GET",route="/api/health",status_class="2xx"} 1',
    );
    // Addresses as sent never become labels.
    expect(text).not.toContain('/api/participants/DL');
    expect(text).not.toContain('/api/no/such/thing');
    expect(text).toContain('route="unmatched",status_class="4xx"');

    expect(samples(text, 'ariadne_errors_total')).toEqual(
      expect.arrayContaining(['ariadne_errors_total{code="UNAUTHENTICATED"} 2', 'ariadne_errors_total{code="NOT_FOUND"} 1']),
    );
    expect(samples(text, 'ariadne_db_pool_waiting')).toEqual(['ariadne_db_pool_waiting 0']);
    if (database.kind === 'postgres') {
      expect(samples(text, 'ariadne_db_pool_connections').map((line) => line.split(' ')[0])).toEqual([
        'ariadne_db_pool_connections{state="total"}',
        'ariadne_db_pool_connections{state="idle"}',
      ]);
    } else {
      expect(samples(text, 'ariadne_db_pool_connections')).toEqual([]);
    }
    expect(samples(text, 'ariadne_document_runs')).toEqual([
      'ariadne_document_runs{status="queued"} 0',
      'ariadne_document_runs{status="running"} 0',
    ]);
    expect(samples(text, 'ariadne_jobs_waiting')).toEqual(['ariadne_jobs_waiting{queue="in_process"} 0']);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('keeps each server’s metrics apart', async () => {
    await guarded.inject({ method: 'GET', url: '/api/ready' });
    const text = (await guarded.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: 'Bearer scrape-secret-1' } })).body;
    expect(text).toContain('route="/api/ready"');
    expect(text).not.toContain('route="/api/participants/:participant/strategies"');
  });

  it('answer only the token when one is set', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: 'Basic scrape-secret-1' }]) {
      const refused = await guarded.inject({ method: 'GET', url: '/api/metrics', headers });
      expect(refused.statusCode).toBe(401);
      expect((refused.json() as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    }
    const elsewhere = await guarded.inject({
      method: 'GET',
      url: '/api/metrics',
      remoteAddress: '203.0.113.5',
      headers: { authorization: 'Bearer scrape-secret-1' },
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('answer only loopback requests that no proxy forwarded when no token is set', async () => {
    expect((await open.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    expect((await open.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '203.0.113.5' })).statusCode).toBe(401);
    const proxied = await open.inject({ method: 'GET', url: '/api/metrics', headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(proxied.statusCode).toBe(401);
  });
});
