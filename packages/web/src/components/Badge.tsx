import type { ReactNode } from 'react';

/** The look of a badge; its text always says the same, so that colour is never the only signal. */
export type BadgeTone = 'success' | 'warning' | 'error' | 'info' | 'neutral';

/** A small labelled pill for a status or a severity. */
export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

const DOCUMENT_TONES: Readonly<Record<string, BadgeTone>> = {
  draft: 'neutral',
  consultation: 'info',
  adopted: 'success',
  expired: 'warning',
  superseded: 'neutral',
};

const INDICATOR_TONES: Readonly<Record<string, BadgeTone>> = {
  achieved: 'success',
  on_track: 'success',
  at_risk: 'warning',
  off_track: 'error',
  no_data: 'neutral',
  not_measurable: 'neutral',
};

const SEVERITY_TONES: Readonly<Record<string, BadgeTone>> = { error: 'error', warning: 'warning', info: 'info' };

function toneOf(tones: Readonly<Record<string, BadgeTone>>, value: string): BadgeTone {
  return Object.hasOwn(tones, value) ? (tones[value] as BadgeTone) : 'neutral';
}

/** The tone of a strategy's or action plan's status badge. */
export function documentTone(status: string): BadgeTone {
  return toneOf(DOCUMENT_TONES, status);
}

/** The tone of an indicator status badge. */
export function indicatorTone(status: string): BadgeTone {
  return toneOf(INDICATOR_TONES, status);
}

/** The tone of a review finding's severity badge. */
export function severityTone(severity: string): BadgeTone {
  return toneOf(SEVERITY_TONES, severity);
}
