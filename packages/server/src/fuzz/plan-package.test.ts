import { readFileSync } from 'node:fs';
import { isAppError, type PlanPackage } from '@ariadne/domain';
import { generatePlanPackage, SMALL_SCALE } from '@ariadne/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlanPackage, checkPlanPackageText } from '../commands/importPlanPackage.ts';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';
import { tableCounts } from './counts.ts';
import { byteMutation, FUZZ_TIMEOUT, fuzzRuns, fuzzSeed, jsonMutation, mutateBytes, mutateJson } from './mutate.ts';

// Damaged plan packages, thousands of them: the importer never crashes, hangs or answers 500; it
// refuses with issues that each name a JSON path, and a refused package saves nothing.
// `npm run fuzz` tries many more (ARIADNE_FUZZ_RUNS; ARIADNE_FUZZ_SEED replays a failure).

const DEMOLAND = JSON.parse(readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8')) as PlanPackage;
const DEMOLAND_TEXT = JSON.stringify(DEMOLAND, null, 2);

/** A refusal as the error model says: VALIDATION_FAILED with at least one issue, each at a JSON path. */
function expectClearRefusal(error: unknown): void {
  if (!isAppError(error)) throw new Error(`not an AppError: ${String(error)}`, { cause: error });
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(issue.path).toMatch(/^\$/);
    expect(issue.key).toMatch(/^[a-z_]+$/);
  }
}

describe('the plan package checks, on damaged packages', () => {
  it(
    'accept or refuse every damaged package clearly',
    () => {
      fc.assert(
        fc.property(fc.array(jsonMutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          const damaged = mutateJson(DEMOLAND, mutations);
          try {
            checkPlanPackage(damaged);
          } catch (error) {
            expectClearRefusal(error);
          }
        }),
        { numRuns: fuzzRuns(1000), ...fuzzSeed() },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'accept or refuse every damaged file clearly',
    () => {
      const bytes = Buffer.from(DEMOLAND_TEXT, 'utf8');
      fc.assert(
        fc.property(fc.array(byteMutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          const text = mutateBytes(bytes, mutations).toString('utf8');
          try {
            checkPlanPackageText(text);
          } catch (error) {
            expectClearRefusal(error);
          }
        }),
        { numRuns: fuzzRuns(1000), ...fuzzSeed() },
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('the plan package import through the API, on damaged packages', () => {
  let server: TestServer;
  let coordinator: Client;
  // A package of the demo's Participant with codes of its own, so that an import that is
  // accepted replaces only itself.
  const base = generatePlanPackage({ seed: 5, scale: SMALL_SCALE, participant: DEMOLAND.participant, prefix: 'FUZZ-' });
  beforeAll(async () => {
    server = await startTestServer();
    coordinator = await signInAs(server.app, demoEmail('coordinator'));
  }, 300_000);
  afterAll(async () => server?.close());

  it(
    'never answers 500, refuses with paths, and saves nothing it refuses',
    async () => {
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.array(jsonMutation, { minLength: 1, maxLength: 3 }).map((mutations) => ({ json: mutateJson(base, mutations) })),
            fc
              .array(byteMutation, { minLength: 1, maxLength: 3 })
              .map((mutations) => ({ text: mutateBytes(Buffer.from(JSON.stringify(base)), mutations).toString('utf8') })),
          ),
          async (input) => {
            const before = await tableCounts(server.database);
            const response =
              'json' in input
                ? await coordinator.request('POST', '/api/plan-packages?replace=true', input.json === undefined ? null : input.json)
                : await coordinator.request('POST', '/api/plan-packages?replace=true', input.text, { 'content-type': 'application/json' });
            expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(500);
            if (response.statusCode === 201) {
              accepted += 1;
              return;
            }
            const body = response.json() as { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
            expect(body.error.message.length).toBeGreaterThan(0);
            if (body.error.code === 'VALIDATION_FAILED') {
              expect(body.error.issues?.length).toBeGreaterThan(0);
              for (const issue of body.error.issues ?? []) {
                expect(issue.path.length).toBeGreaterThan(0);
                expect(issue.message.length).toBeGreaterThan(0);
              }
            }
            expect(await tableCounts(server.database)).toEqual(before);
          },
        ),
        { numRuns: fuzzRuns(100), ...fuzzSeed() },
      );
      // Damage that leaves a valid package is accepted: the property saw both kinds.
      expect(accepted).toBeLessThan(fuzzRuns(100));
    },
    FUZZ_TIMEOUT,
  );
});
