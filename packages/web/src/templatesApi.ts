import { api, type ApiIssue } from './api.ts';
import { reportPath, roundsPath } from './monitoringApi.ts';

/** The content type a filled template is sent in, whatever the browser thinks of the file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The largest template the server accepts. */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

/** What an uploaded template did to the report. */
export type TemplateUploaded = {
  /** The same file was applied before: nothing changed. */
  unchanged: boolean;
  version: number;
  status: 'draft' | 'submitted' | 'returned' | 'accepted';
  /** Unusual values, each on its cell, to confirm when submitting. */
  flags: ApiIssue[];
};

/** The templates of a round being prepared. */
export type TemplateJob = { job: string; total: number };
export type TemplateJobProgress = { done: number; total: number; ready: boolean };

/** Where a report's template is downloaded, in a language. */
export function templateUrl(participant: string, plan: string, round: string, institution: string, language: string): string {
  return `${reportPath(participant, plan, round, institution)}/template.xlsx?language=${encodeURIComponent(language)}`;
}

/** Sends a filled template; saved only when the whole file is clean. */
export function uploadTemplate(
  participant: string,
  plan: string,
  round: string,
  institution: string,
  file: Blob,
): Promise<TemplateUploaded> {
  return api.postFile<TemplateUploaded>(`${reportPath(participant, plan, round, institution)}/template`, file, XLSX_TYPE);
}

function jobsPath(participant: string, plan: string, round: string): string {
  return `${roundsPath(participant, plan)}/${encodeURIComponent(round)}/templates`;
}

/** Starts preparing the templates of every report of a round. */
export function startRoundTemplates(participant: string, plan: string, round: string): Promise<TemplateJob> {
  return api.post<TemplateJob>(jobsPath(participant, plan, round), undefined);
}

/** How far the templates of a round are prepared. */
export function roundTemplatesProgress(participant: string, plan: string, round: string, job: string): Promise<TemplateJobProgress> {
  return api.get<TemplateJobProgress>(`${jobsPath(participant, plan, round)}/${encodeURIComponent(job)}`);
}

/** Where the zip of a round's templates is downloaded once ready. */
export function roundTemplatesZipUrl(participant: string, plan: string, round: string, job: string): string {
  return `${jobsPath(participant, plan, round)}/${encodeURIComponent(job)}/download`;
}

/** A cell named by a problem's path (`Indicators!G12`), or null for a problem of the file as a whole. */
export type CellRef = { sheet: string; row: number; column: string };

export function cellOf(path: string): CellRef | null {
  const at = path.lastIndexOf('!');
  if (at <= 0) return null;
  const match = /^([A-Z]{1,3})(\d+)$/.exec(path.slice(at + 1));
  if (!match) return null;
  return { sheet: path.slice(0, at), column: match[1] ?? '', row: Number(match[2]) };
}
