import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatNumber, type Language } from '@ariadne/domain';
import { ensureIntl } from './intl.ts';

// In Node the built-in Intl already knows every locale, so this checks that preparing a language
// never breaks formatting, and that each language formats in its own conventions afterwards.
const EXPECTED: Record<Language, { date: string; number: string }> = {
  en: { date: '5 March 2026', number: '1,234.5' },
  sq: { date: '5 mars 2026', number: '1234,5' },
  bs: { date: '5. mart 2026.', number: '1.234,5' },
  'sr-Latn': { date: '5. mart 2026.', number: '1.234,5' },
  'sr-Cyrl': { date: '5. март 2026.', number: '1.234,5' },
  cnr: { date: '5. mart 2026.', number: '1.234,5' },
  mk: { date: '5 март 2026', number: '1.234,5' },
};

describe('ensureIntl', () => {
  for (const [language, expected] of Object.entries(EXPECTED) as [Language, { date: string; number: string }][]) {
    it(`prepares ${language}`, async () => {
      await ensureIntl(language);
      expect(formatDate('2026-03-05', language)).toContain(expected.date);
      expect(formatNumber(1234.5, language)).toBe(expected.number);
      expect(formatMoney(123450, 'EUR', language)).toMatch(/1.?234[,.]50/);
    });
  }
});
