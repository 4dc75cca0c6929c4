import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, flattenCatalogue, translator } from './catalogs.ts';
import { LANGUAGES } from './languages.ts';

/** The names of the arguments an ICU message uses, so translations can be checked against English. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentsOf(element.children, found);
      continue;
    }
    found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

const english = flattenCatalogue(CATALOGUES.en);

describe('message catalogues', () => {
  for (const language of LANGUAGES) {
    describe(language, () => {
      const messages = flattenCatalogue(CATALOGUES[language]);

      it('has every key of the English catalogue and no other', () => {
        const missing = [...english.keys()].filter((key) => !messages.has(key));
        const extra = [...messages.keys()].filter((key) => !english.has(key));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('has valid ICU messages that use the same arguments as English', () => {
        for (const [key, message] of messages) {
          expect(message.trim(), key).not.toBe('');
          const args = [...argumentsOf(parse(message))].sort();
          const englishArgs = [...argumentsOf(parse(english.get(key) ?? ''))].sort();
          expect(args, key).toEqual(englishArgs);
        }
      });
    });
  }

  it('renders plurals in the reader language', () => {
    expect(translator('en')('errors.ACCOUNT_LOCKED', { minutes: 1 })).toContain('1 minute.');
    expect(translator('en')('errors.ACCOUNT_LOCKED', { minutes: 5 })).toContain('5 minutes');
    expect(translator('sr-Cyrl')('errors.FORBIDDEN')).toMatch(/[\u0400-\u04ff]/);
    expect(translator('mk')('errors.FORBIDDEN')).toMatch(/[\u0400-\u04ff]/);
  });

  it('shows the Cyrillic script only where the language is written in it', () => {
    for (const language of ['en', 'sq', 'bs', 'sr-Latn', 'cnr'] as const) {
      for (const [key, message] of flattenCatalogue(CATALOGUES[language])) {
        expect(/[\u0400-\u04ff]/.test(message), `${language} ${key}`).toBe(false);
      }
    }
  });
});
