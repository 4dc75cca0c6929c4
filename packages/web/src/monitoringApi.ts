import type { Frequency, Report } from '@ariadne/domain';
import { participantPath } from './api.ts';
import type { EvidenceItem } from './reportingApi.ts';

/** Where an institution's report stands on a round's board ("not started" is a draft with nothing saved yet). */
export const BOARD_STATUSES = ['not_started', 'draft', 'submitted', 'returned', 'accepted', 'overdue'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

/** A round to open: its code, its period and, if not the default, its deadline. */
export type RoundDraft = { id: string; periodStart: string; periodEnd: string; deadline?: string };

/** The rounds of an action plan, and the rounds its reporting frequency proposes that are not yet open. */
export type PlanRounds = {
  frequency: Frequency | null;
  rounds: { id: string; periodStart: string; periodEnd: string; deadline: string; reports: number; counts: Record<BoardStatus, number> }[];
  proposed: { id: string; periodStart: string; periodEnd: string; deadline: string }[];
};

/** Who has reported in one round. */
export type RoundBoard = {
  round: { id: string; periodStart: string; periodEnd: string; deadline: string };
  counts: Record<BoardStatus, number>;
  institutions: {
    institution: string;
    name: string;
    status: BoardStatus;
    submittedOn: string | null;
    onTime: boolean | null;
    history: { round: string; deadline: string; submittedOn: string | null; onTime: boolean | null }[];
  }[];
};

/** One institution's report in a round, with the comments it received when returned. */
export type ReportDetail = {
  institution: string;
  name: string;
  status: Report['status'];
  submittedOn: string | null;
  version: number;
  activities: Report['activities'];
  indicatorValues: Report['indicatorValues'];
  comments: { target: string | null; text: string; author: string; at: string }[];
  /** Links and files given as evidence (left out by older servers). */
  evidence?: EvidenceItem[];
};

/** The Participant's monitoring settings: the deadline rule and the public holidays it skips. */
export type MonitoringSettings = { deadlineWorkingDays: number; holidays: { day: string; name: string }[] };

export function roundsPath(participant: string, planId: string): string {
  return participantPath(participant, `/action-plans/${encodeURIComponent(planId)}/rounds`);
}

export function boardPath(participant: string, planId: string, roundId: string): string {
  return `${roundsPath(participant, planId)}/${encodeURIComponent(roundId)}/board`;
}

export function reportPath(participant: string, planId: string, roundId: string, institution: string): string {
  return `${roundsPath(participant, planId)}/${encodeURIComponent(roundId)}/reports/${encodeURIComponent(institution)}`;
}

export function settingsPath(participant: string): string {
  return participantPath(participant, '/monitoring-settings');
}

/** The address of a round's board in the application. */
export function boardPage(planId: string, roundId: string): string {
  return `/plans/${encodeURIComponent(planId)}/rounds/${encodeURIComponent(roundId)}`;
}

/** The address of one institution's report in the application. */
export function reportPage(planId: string, roundId: string, institution: string): string {
  return `${boardPage(planId, roundId)}/reports/${encodeURIComponent(institution)}`;
}
