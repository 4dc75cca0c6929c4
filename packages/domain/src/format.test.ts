import { afterEach, describe, expect, it, vi } from 'vitest';
import { dateTimeFormat, formatDate, formatMoney, numberFormat, roundHalfAwayFromZero, toMinorUnits } from './format.ts';
import { negotiateLanguage } from './i18n/languages.ts';

describe('rounding', () => {
  it('rounds half away from zero, symmetric for negatives', () => {
    expect(roundHalfAwayFromZero(0.15625, 4)).toBe(0.1563);
    expect(roundHalfAwayFromZero(-0.15625, 4)).toBe(-0.1563);
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3);
    expect(roundHalfAwayFromZero(-0.00001, 2)).toBe(0);
  });

  it('keeps money in integer minor units', () => {
    expect(toMinorUnits(14500)).toBe(1450000);
    expect(toMinorUnits(0.29)).toBe(29);
    expect(toMinorUnits(1234.5)).toBe(123450);
  });
});

describe('formatting in the reader conventions', () => {
  it('formats money for Montenegrin as Serbian in Montenegro', () => {
    expect(formatMoney(123450, 'EUR', 'cnr')).toBe('1.234,50\u00a0€');
  });

  it('formats Macedonian and Albanian amounts and dates with their own conventions', () => {
    expect(formatMoney(123450, 'MKD', 'mk')).toMatch(/1\.234,50/);
    expect(formatMoney(123450, 'ALL', 'sq')).toMatch(/1\s?234,50/);
    expect(formatDate('2025-03-15', 'mk')).toMatch(/март/);
    expect(formatDate('2025-03-15', 'sq')).toMatch(/mars/);
    expect(formatDate('2025-03-15', 'sr-Cyrl')).toMatch(/март/);
    expect(formatDate('2025-03-15', 'cnr')).toBe('15. mart 2025.');
  });
});

describe('formatters', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('are made once per locale and options, and give the same text as a new one', () => {
    const options = { style: 'currency', currency: 'EUR' } as const;
    expect(numberFormat('sq', options)).toBe(numberFormat('sq', { ...options }));
    expect(numberFormat('sq', options)).not.toBe(numberFormat('mk', options));
    expect(numberFormat('sq', options).format(1234.5)).toBe(new Intl.NumberFormat('sq', options).format(1234.5));
    expect(dateTimeFormat('mk', { dateStyle: 'long' })).toBe(dateTimeFormat('mk', { dateStyle: 'long' }));
    expect(dateTimeFormat('mk', { dateStyle: 'long' })).not.toBe(dateTimeFormat('mk', { dateStyle: 'short' }));
  });

  it('are made again from a constructor that replaced the browser’s own (a polyfill)', () => {
    const native = numberFormat('en-GB', { maximumFractionDigits: 1 });
    class Polyfilled extends Intl.NumberFormat {}
    vi.stubGlobal('Intl', { ...Intl, NumberFormat: Polyfilled });
    const replaced = numberFormat('en-GB', { maximumFractionDigits: 1 });
    expect(replaced).not.toBe(native);
    expect(replaced).toBeInstanceOf(Polyfilled);
    expect(numberFormat('en-GB', { maximumFractionDigits: 1 })).toBe(replaced);
  });
});

describe('language negotiation', () => {
  it.each([
    ['sr-RS,sr;q=0.9', 'sr-Latn'],
    ['sr-Cyrl-RS', 'sr-Cyrl'],
    ['sr-ME', 'cnr'],
    ['mk-MK,en;q=0.5', 'mk'],
    ['de-DE,sq;q=0.8', 'sq'],
    ['fr', 'en'],
    ['', 'en'],
  ])('%s gives %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});
