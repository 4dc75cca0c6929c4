import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_INS_PER_MINUTE } from './app.ts';
import { startTestServer, type TestServer } from './testing.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('the server', () => {
  it('answers health once migrations ran', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json() as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/session',
        '/api/participants/{participant}/users',
        '/api/participants/{participant}/audit',
      ]),
    );
    const signIn = document.paths['/api/session']?.post;
    expect(JSON.stringify(signIn?.requestBody)).toContain('#/components/schemas/SignIn');
    const schemas = (document as unknown as { components: { schemas: Record<string, { properties?: object }> } }).components.schemas;
    expect(Object.keys(schemas.SignInInput?.properties ?? schemas.SignIn?.properties ?? {})).toEqual(['email', 'password', 'code']);
    expect(Object.keys(signIn?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '423', '429']));
  });

  it('gives unknown routes the error model’s 404, in the requester’s language', async () => {
    const english = await server.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(english.statusCode).toBe(404);
    expect(english.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'What you are looking for was not found.' } });

    const macedonian = await server.app.inject({ method: 'GET', url: '/api/no-such-thing', headers: { 'accept-language': 'mk' } });
    const body = macedonian.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toMatch(/[\u0400-\u04ff]/);
  });

  it('declares an access policy on every API route', () => {
    expect(server.app.apiRoutes.length).toBeGreaterThanOrEqual(10);
    for (const route of server.app.apiRoutes) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
  });

  it('sends security headers', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    // HSTS only behind a proxy that terminates HTTPS (TRUST_PROXY=1).
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('turns a malformed JSON body into a 400 in the error model', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('limits sign-in attempts per client address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < DEFAULT_SIGN_INS_PER_MINUTE + 2; attempt += 1) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '203.0.113.9',
        payload: { email: `nobody${attempt}@example.org`, password: 'guess' },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        expect((response.json() as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
      }
    }
    expect(statuses.slice(0, DEFAULT_SIGN_INS_PER_MINUTE).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(DEFAULT_SIGN_INS_PER_MINUTE)).toEqual([429, 429]);
  });
});
