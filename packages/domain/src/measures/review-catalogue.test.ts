import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, flattenCatalogue, translator } from '../i18n/catalogs.ts';
import { formattingLocale, LANGUAGES } from '../i18n/languages.ts';
import { REQUIRED_AREAS, REQUIRED_EVALUATIONS, REQUIRED_PRINCIPLES } from './review.ts';
import { RULE_GROUP_ORDER, RULES } from './rules.ts';

/** The option keys of every plural in a message. */
function pluralCategories(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      for (const [key, option] of Object.entries(element.options)) {
        found.add(key);
        pluralCategories(option.value, found);
      }
    } else if (element.type === TYPE.select) {
      for (const option of Object.values(element.options)) pluralCategories(option.value, found);
    }
  }
  return found;
}

const SAMPLE = { subject: 'X-1', amount: 1234.5, currency: 'EUR', count: 3, share: 0.4321 };

describe('review catalogues', () => {
  for (const language of LANGUAGES) {
    describe(language, () => {
      const messages = flattenCatalogue(CATALOGUES[language]);
      const review = [...messages.keys()].filter((key) => key.startsWith('review.'));

      it('has a title, a message and an explanation for every rule, and a heading for every group, and nothing else', () => {
        const expected = [
          ...RULE_GROUP_ORDER.map((group) => `review.groups.${group}`),
          ...RULES.flatMap((rule) => ['title', 'message', 'why'].map((part) => `review.${rule.code}.${part}`)),
        ];
        expect(review.sort()).toEqual(expected.sort());
      });

      it('uses exactly the plural categories of the language (CLDR)', () => {
        const categories = new Intl.PluralRules(formattingLocale(language)).resolvedOptions().pluralCategories;
        for (const key of review) {
          const used = pluralCategories(parse(messages.get(key) ?? ''));
          if (used.size > 0) expect([...used].sort(), key).toEqual([...categories].sort());
        }
      });

      it('renders every message with its parameters, leaving no placeholder behind', () => {
        const t = translator(language);
        for (const rule of RULES) {
          const text = t(`review.${rule.code}.message`, SAMPLE);
          expect(text, rule.code).not.toMatch(/[{}]/);
          expect(text, rule.code).not.toBe(`review.${rule.code}.message`);
        }
      });

      it('names every area, principle and evaluation type the rules report in words of the language', () => {
        const cases = [
          ['R03', REQUIRED_AREAS],
          ['R15', REQUIRED_PRINCIPLES],
          ['R22', REQUIRED_EVALUATIONS],
        ] as const;
        for (const [rule, subjects] of cases) {
          const select = parse(messages.get(`review.${rule}.message`) ?? '').find((element) => element.type === TYPE.select);
          const options = select?.type === TYPE.select ? Object.keys(select.options) : [];
          expect(options.sort(), rule).toEqual([...subjects, 'other'].sort());
        }
      });
    });
  }

  it('writes the Serbian Cyrillic and Macedonian texts with no Latin letter outside the parameters', () => {
    const literals = (elements: MessageFormatElement[], found: string[] = []): string[] => {
      for (const element of elements) {
        if (element.type === TYPE.literal) found.push(element.value);
        if (element.type === TYPE.plural || element.type === TYPE.select) {
          for (const option of Object.values(element.options)) literals(option.value, found);
        }
      }
      return found;
    };
    for (const language of ['sr-Cyrl', 'mk'] as const) {
      for (const [key, message] of flattenCatalogue(CATALOGUES[language])) {
        if (!key.startsWith('review.')) continue;
        expect(literals(parse(message)).join(''), `${language} ${key}`).not.toMatch(/[A-Za-zČĆĐŠŽčćđšž]/);
      }
    }
  });

  it('formats the amount and the share in the reader conventions', () => {
    expect(translator('en')('review.R23.message', SAMPLE)).toBe('1,234.50 EUR of the planned costs are unfunded, in 3 activities.');
    expect(translator('cnr')('review.R23.message', { ...SAMPLE, count: 5 })).toBe(
      'Za 1.234,50 EUR planiranih troškova nijesu obezbijeđena sredstva; to se odnosi na 5 aktivnosti.',
    );
    expect(translator('bs')('review.R23.message', { ...SAMPLE, count: 1 })).toContain('to se odnosi na 1 aktivnost.');
    expect(translator('sq')('review.R24.message', SAMPLE)).toBe(
      'Buxheti i shtetit mbulon 43,2% të kostove të planifikuara, më pak se gjysmën.',
    );
  });
});
