import { formattingLocale, numberFormat, toMinorUnits, type Language, type MinorUnits } from '@ariadne/domain';

/** The decimal and grouping separators of a language's number conventions. */
export function separators(language: Language): { decimal: string; group: string } {
  const parts = numberFormat(formattingLocale(language), { useGrouping: true }).formatToParts(12345.6);
  return {
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
  };
}

/**
 * Reads a number as people type it in their language: `1 500,50` in Albanian, `1.500,50` in
 * Macedonian, `1,500.50` in English, with or without grouping. Where the decimal mark is a comma, a
 * single point followed by one or two digits (`12.5`, typed out of habit) is read as the decimal mark
 * too, while `1.500` stays one thousand five hundred. Answers null for text that is not a number.
 */
export function parseDecimal(text: string, language: Language): number | null {
  const { decimal, group } = separators(language);
  let value = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (value === '') return null;
  const negative = value.startsWith('-') || value.startsWith('\u2212');
  if (negative) value = value.slice(1);
  if (decimal === ',' && !value.includes(',') && /^\d+\.\d{1,2}$/.test(value)) value = value.replace('.', ',');
  if (group.trim() !== '') value = value.split(group).join('');
  value = value.replace(decimal, '.');
  if (!/^\d+(\.\d+)?$/.test(value) && !/^\.\d+$/.test(value)) return null;
  const number = Number(value);
  if (!Number.isFinite(number)) return null;
  return negative ? -number : number;
}

/** Writes a number for an input in the language's conventions, without grouping (`1500,5` in Bosnian). */
export function formatDecimalInput(value: number | undefined, language: Language): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  return numberFormat(formattingLocale(language), { useGrouping: false, maximumFractionDigits: 6 }).format(value);
}

/** Adds amounts in minor units, so that totals are exact to the cent. */
export function sumMinor(amounts: readonly number[]): MinorUnits {
  return amounts.reduce<number>((total, amount) => total + toMinorUnits(amount), 0);
}
