import { defineConfig } from 'vitest/config';

// One run for the unit and integration suite: the domain, the database layer (on PGlite, or on
// PostgreSQL when DATABASE_URL is set), the server through HTTP, the command line and the web
// application's components. Browser journeys run separately (`npm run test:e2e`).
// The database and server suites share their modules between test files (`isolate: false`): each
// file opens its own database and server, and loading the server's modules again for every file
// took a quarter of their time.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', root: 'packages/domain', environment: 'node' } },
      {
        test: {
          name: 'db',
          root: 'packages/db',
          environment: 'node',
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'server',
          root: 'packages/server',
          environment: 'node',
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'cli',
          root: 'packages/cli',
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      './packages/web/vitest.config.ts',
      { test: { name: 'repo', root: 'scripts', environment: 'node' } },
    ],
    maxWorkers: 2,
  },
});
