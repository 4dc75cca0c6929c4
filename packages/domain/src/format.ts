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

/** Formats money held in minor units in the reader's conventions, e.g. "1.234,50 €" for Montenegrin. */
export function formatMoney(minor: MinorUnits, currency: string, language: Language): string {
  return new Intl.NumberFormat(formattingLocale(language), {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(fromMinorUnits(minor));
}

/** Formats a plain number in the reader's conventions. */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(formattingLocale(language), { maximumFractionDigits }).format(value);
}

/** Formats an ISO date (`YYYY-MM-DD`) or an instant as a long date in the reader's conventions. */
export function formatDate(value: string | Date, language: Language): string {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(formattingLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Formats an instant with date and time in the reader's conventions and time zone. */
export function formatDateTime(value: string | Date, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(formattingLocale(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(value));
}
