import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// The web application's component tests run in jsdom, from this package's folder, as the `web`
// project of the root Vitest configuration.
export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    testTimeout: 20_000,
    // i18next-icu's ES build default-imports intl-messageformat, which is CommonJS; Node's own loader
    // hands it the whole exports object. Letting Vite transform it applies the same interop the
    // production bundle gets.
    server: { deps: { inline: ['i18next-icu'] } },
  },
});
