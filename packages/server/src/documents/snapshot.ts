import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type FinancialPlanDocument,
  type ImplementationReport,
  type Language,
  type PlanDocument,
  type PlanReviewDocument,
} from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import { documentBody } from './blocks.ts';
import { prepareReport, type ReportTexts } from './content.ts';
import { escapeHtml } from './layout.ts';
import { reportBody } from './html.ts';
import { prepareFinancialPlan, preparePlan, preparePlanReview } from './whole-plan.ts';

// What a document was made from, kept with its run: the domain's content of the document, which
// holds figures, codes and the package's own texts but no text in an interface language (the plan
// review keeps its messages as catalogue keys with their parameters), and for an implementation
// report the coordinator's introduction and conclusions as written. From it the document can be
// drawn again as a page in any language, as it was when it was generated.

type Snapshot<K extends DocumentKind, C> = { format: 'ariadne.document-snapshot'; version: 1; kind: K; generatedAt: string; content: C };

export type DocumentSnapshot =
  | (Snapshot<'implementation_report', ImplementationReport> & { texts: ReportTexts })
  | Snapshot<'plan', PlanDocument>
  | Snapshot<'plan_review', PlanReviewDocument>
  | Snapshot<'financial_plan', FinancialPlanDocument>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a stored snapshot, or null when it is not one this version wrote. */
export function parseSnapshot(value: unknown): DocumentSnapshot | null {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!isRecord(parsed) || parsed.format !== 'ariadne.document-snapshot' || parsed.version !== 1) return null;
  if (typeof parsed.kind !== 'string' || !(DOCUMENT_KINDS as readonly string[]).includes(parsed.kind)) return null;
  if (typeof parsed.generatedAt !== 'string' || !isRecord(parsed.content)) return null;
  if (parsed.kind === 'implementation_report') {
    const texts = parsed.texts;
    if (!isRecord(texts) || typeof texts.introduction !== 'string' || typeof texts.conclusions !== 'string') return null;
  }
  return parsed as DocumentSnapshot;
}

/**
 * The snapshot of a run that is done, or null when there is no such run or it has none (runs made
 * before snapshots were kept). The caller decides who may read it (a published run, a member).
 */
export async function snapshotOf(database: Pick<Database, 'db'>, runId: number): Promise<DocumentSnapshot | null> {
  const row = await database.db
    .selectFrom('document_runs')
    .select(['snapshot'])
    .where('id', '=', runId)
    .where('status', '=', 'done')
    .executeTakeFirst();
  if (!row || row.snapshot === null || row.snapshot === undefined) return null;
  return parseSnapshot(row.snapshot);
}

/**
 * The document of a snapshot as an HTML fragment in `language`: its contents and chapters, with
 * its tables and charts (inline SVG), no cover, no page numbers, no scripts and no styles — the
 * page that shows it brings its own. Text from the record is escaped.
 */
export function renderSnapshotHtml(snapshot: DocumentSnapshot, language: Language): string {
  const common = { language, logo: null, generatedAt: snapshot.generatedAt };
  let body: string;
  switch (snapshot.kind) {
    case 'implementation_report':
      body = reportBody(prepareReport({ ...common, report: snapshot.content, texts: snapshot.texts }), { print: false });
      break;
    case 'plan':
      body = documentBody(preparePlan({ ...common, content: snapshot.content }), { print: false });
      break;
    case 'plan_review':
      body = documentBody(preparePlanReview({ ...common, content: snapshot.content }), { print: false });
      break;
    case 'financial_plan':
      body = documentBody(prepareFinancialPlan({ ...common, content: snapshot.content }), { print: false });
      break;
  }
  // The charts' own style sheets only style hovering, which a still page does not need.
  const still = body.replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '');
  return `<article class="generated-document" lang="${escapeHtml(language)}">\n${still}\n</article>`;
}
