import type { FormActivity, FormIndicator, Report, ReportFinding, ReportForm } from '@ariadne/domain';
import { api, participantPath } from './api.ts';
import type { BoardStatus } from './monitoringApi.ts';
import { reportPath } from './monitoringApi.ts';

/** What a report says: its activity entries and indicator values, as the plan package has them. */
export type ReportContentData = {
  activities: Report['activities'];
  indicatorValues: NonNullable<Report['indicatorValues']>;
};

export type EvidenceItem = {
  id: number;
  target: string | null;
  kind: 'link' | 'file';
  label: string;
  url: string | null;
  fileName: string | null;
  mediaType: string | null;
  size: number | null;
  addedBy: string | null;
  at: string;
};

/** The form of one institution's report, as the server gives it. */
export type ReportFormData = {
  plan: { id: string; title: string };
  round: { id: string; periodStart: string; periodEnd: string; deadline: string };
  institution: { id: string; name: string };
  currency: string;
  status: Report['status'];
  board: BoardStatus;
  version: number;
  submittedOn: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  editable: boolean;
  activities: FormActivity[];
  indicators: FormIndicator[];
  content: ReportContentData;
  flags: ReportFinding[];
  comments: { target: string | null; text: string; author: string | null; at: string }[];
  evidence: EvidenceItem[];
};

export type SavedReport = {
  status: Report['status'];
  version: number;
  submittedOn: string | null;
  flags: ReportFinding[];
  unchanged: boolean;
};

export type ReportReceipt = SavedReport & {
  receipt: { submittedAt: string | null; submittedBy: string | null; activities: number; indicatorValues: number; evidence: number };
};

/** A report of the user's institution, for their home page. */
export type MyReport = {
  plan: { id: string; title: string };
  round: string;
  periodStart: string;
  periodEnd: string;
  deadline: string;
  institution: { id: string; name: string };
  status: Report['status'];
  board: BoardStatus;
  submittedOn: string | null;
};

export function myReportsPath(participant: string): string {
  return participantPath(participant, '/my-reports');
}

export function reportFormPath(participant: string, planId: string, roundId: string, institution: string): string {
  return `${reportPath(participant, planId, roundId, institution)}/form`;
}

/** The domain's form of the report, rebuilt from the server's answer, so that the browser checks it with the same rules. */
export function domainForm(data: ReportFormData): ReportForm {
  return {
    plan: data.plan.id,
    round: data.round,
    institution: data.institution.id,
    activities: data.activities,
    indicators: data.indicators,
    report: {
      institution: data.institution.id,
      status: data.status,
      ...(data.submittedOn ? { submittedOn: data.submittedOn } : {}),
      activities: data.content.activities,
      indicatorValues: data.content.indicatorValues,
    },
  };
}

/** The calls of one report's form. */
export function reportingCalls(participant: string, planId: string, roundId: string, institution: string) {
  const base = reportPath(participant, planId, roundId, institution);
  return {
    save: (version: number, content: ReportContentData) => api.put<SavedReport>(`${base}/content`, { version, content }),
    submit: (version: number, content: ReportContentData, confirmedFlags: string[]) =>
      api.post<ReportReceipt>(`${base}/submit`, { version, content, confirmedFlags }),
    addLink: (link: { target: string | null; label: string; url: string }) => api.post<{ id: number }>(`${base}/evidence/links`, link),
    addFile: (file: File, target: string | null, label: string) => {
      const query = new URLSearchParams({ name: file.name, label, ...(target ? { target } : {}) });
      return api.postFile<{ id: number }>(`${base}/evidence/files?${query.toString()}`, file, 'application/octet-stream');
    },
    removeEvidence: (id: number) => api.delete<null>(`${base}/evidence/${id}`),
    evidenceHref: (id: number) => `${base}/evidence/${id}`,
  };
}
