import { formattingLocale, type Language } from './i18n/languages.ts';

/** Integer minor units (cents) of a currency; money is never held as a float. */
export type MinorUnits = number & { readonly __brand?: 'MinorUnits' };

/** Rounds half away from zero to the given number of decimals (0.15625 → 0.1563, −0.15625 → −0.1563). */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** decimals;
  // Correct for binary representation error (1.005 * 100 = 100.49999…) before rounding.
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor || 0;
}

/** Converts an amount with at most two decimals into integer minor units. */
export function toMinorUnits(amount: number): MinorUnits {
  return roundHalfAwayFromZero(amount * 100, 0);
}

/** Converts integer minor units back into an amount. */
export function fromMinorUnits(minor: MinorUnits): number {
  return minor / 100;
}

// Making an Intl formatter costs a thousand times more than using one (a table of a plan's
// indicators formats thousands of figures), so each is made once per locale and options. The cache
// is kept per constructor: when the browser's `Intl.NumberFormat` is replaced by a polyfill (see the
// web's `intl.ts`), formatters are made again from the new one.
const formatters = new WeakMap<object, Map<string, Intl.NumberFormat | Intl.DateTimeFormat>>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(constructor: object, key: string, make: () => F): F {
  let byKey = formatters.get(constructor);
  if (!byKey) {
    byKey = new Map();
    formatters.set(constructor, byKey);
  }
  let formatter = byKey.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    byKey.set(key, formatter);
  }
  return formatter;
}

/** The number formatter of a locale and options, made once. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(Intl.NumberFormat, `${locale}\u0000${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** The date formatter of a locale and options, made once. */
export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached(Intl.DateTimeFormat, `${locale ?? ''}\u0000${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** Formats money held in minor units in the reader's conventions, e.g. "1.234,50 €" for Montenegrin. */
export function formatMoney(minor: MinorUnits, currency: string, language: Language): string {
  return numberFormat(formattingLocale(language), {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(fromMinorUnits(minor));
}

/** Formats a plain number in the reader's conventions. */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 2): string {
  return numberFormat(formattingLocale(language), { maximumFractionDigits }).format(value);
}

/** Formats an ISO date (`YYYY-MM-DD`) or an instant as a long date in the reader's conventions. */
export function formatDate(value: string | Date, language: Language): string {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return dateTimeFormat(formattingLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Formats an instant with date and time in the reader's conventions and time zone. */
export function formatDateTime(value: string | Date, language: Language, timeZone?: string): string {
  return dateTimeFormat(formattingLocale(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(value));
}
