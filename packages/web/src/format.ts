import { formatMoney, formattingLocale, numberFormat, toMinorUnits, type Language } from '@ariadne/domain';

/** Formats an amount the API gives as a decimal number in a currency, through the domain's minor units. */
export function formatAmount(amount: number, currency: string, language: Language): string {
  return formatMoney(toMinorUnits(amount), currency, language);
}

/** Formats a share (0.5184) as a percentage with at most one decimal ("51.8%") in the reader's conventions. */
export function formatShare(share: number, language: Language): string {
  return numberFormat(formattingLocale(language), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** Today in the browser's calendar as `YYYY-MM-DD`, which `formatDate` shows without shifting the day. */
export function localToday(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
