import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { initI18n } from '../i18n.ts';

// Every component test starts in English, with an empty browser storage and the fetch mock of its own.
beforeAll(async () => {
  await initI18n('en');
});

afterEach(async () => {
  cleanup();
  window.localStorage.clear();
  await initI18n('en');
});
