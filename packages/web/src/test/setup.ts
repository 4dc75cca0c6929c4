import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { initI18n } from '../i18n.ts';

// jsdom has no canvas. ECharts measures text with one, and estimates widths without it; answering
// "no context" spares every test that draws a chart jsdom's "not implemented" report.
Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { configurable: true, value: () => null });

// Every component test starts in English, with an empty browser storage and the fetch mock of its own.
beforeAll(async () => {
  await initI18n('en');
});

afterEach(async () => {
  cleanup();
  window.localStorage.clear();
  await initI18n('en');
});
