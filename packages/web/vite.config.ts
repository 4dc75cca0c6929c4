import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The API runs as a separate Fastify process during development; proxying `/api` keeps the
// browser on one origin, so the session cookie and the CSRF check behave as in production.
const api = { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every browser Ariadne supports has module preloading; leaving the polyfill out keeps the
    // build free of inline scripts, so a strict Content-Security-Policy can be served with it.
    modulePreload: { polyfill: false },
    // The largest chunks are FormatJS's time-zone tables (0.8 and 1.3 MB), fetched only when the
    // browser's Intl lacks a language, the second only for a rare time zone. Each language's texts
    // are a chunk of their own, fetched when shown (English always, as the fallback); ECharts is
    // fetched with the first chart. The entry, with React, the router, i18next, the pages and the
    // domain (whose plan-package schemas come along with it), is about 1.1 MB (310 kB compressed).
    chunkSizeWarningLimit: 1400,
  },
});
