import { createHash } from 'node:crypto';
import { AppError } from '@ariadne/domain';
import {
  deleteEvidence,
  findReport,
  findStrategy,
  insertEvidence,
  recordAudit,
  type AuditActor,
  type Database,
  type NewEvidence,
} from '@ariadne/db';
import { fileTypeFromBuffer } from 'file-type';
import { reportNotFound } from './reviewReport.ts';
import { strategyOfActionPlan } from './openRounds.ts';

/** The largest file a report takes as evidence. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/**
 * The kinds of file a report takes as evidence, recognised by their content (not their name):
 * PDF, images, Office and OpenDocument files. Old binary Office files share one container format.
 */
const ACCEPTED_TYPES = new Map<string, string>([
  ['application/pdf', 'pdf'],
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
  ['application/vnd.oasis.opendocument.text', 'odt'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ods'],
  ['application/vnd.oasis.opendocument.presentation', 'odp'],
  ['application/x-cfb', 'doc'],
]);

export type EvidenceAddress = { participant: string; plan: string; round: string; institution: string };

/**
 * The stored report an evidence change is about, refusing one that is no longer open to changes.
 * `strategyCode` is found before the transaction (the embedded database has one connection).
 */
async function openReport(trx: Parameters<typeof findReport>[0], address: EvidenceAddress, strategyCode: string) {
  const strategy = await findStrategy(trx, address.participant, strategyCode);
  if (!strategy) throw reportNotFound(address.round, address.institution);
  const report = await findReport(trx, strategy.id, address.round, address.institution);
  if (!report) throw reportNotFound(address.round, address.institution);
  if (report.status === 'submitted' || report.status === 'accepted') {
    throw new AppError('REPORT_LOCKED', { detail: `${address.round}/${address.institution} is ${report.status}` });
  }
  return { strategy, report };
}

/** Recognises an evidence file by its content; UNSUPPORTED_MEDIA_TYPE for anything not accepted. */
export async function evidenceType(content: Uint8Array): Promise<string> {
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !ACCEPTED_TYPES.has(detected.mime)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      issues: [{ path: 'file', key: 'evidence_type' }],
      detail: `evidence of type ${detected?.mime ?? 'unknown'}`,
    });
  }
  return detected.mime;
}

export type EvidenceToAdd =
  | { kind: 'link'; target: string | null; label: string; url: string }
  | { kind: 'file'; target: string | null; label: string; fileName: string; content: Uint8Array };

/** Adds a link or a file to a draft or returned report. One transaction with its audit entry. */
export async function addEvidence(
  database: Database,
  input: EvidenceAddress & { evidence: EvidenceToAdd; actor: AuditActor },
): Promise<{ id: number }> {
  let stored: NewEvidence;
  if (input.evidence.kind === 'file') {
    const { content } = input.evidence;
    if (content.byteLength > MAX_EVIDENCE_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', {
        issues: [{ path: 'file', key: 'evidence_too_large', params: { megabytes: MAX_EVIDENCE_BYTES / 1024 / 1024 } }],
        detail: 'evidence over the size limit',
      });
    }
    if (content.byteLength === 0) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'file', key: 'required' }] });
    const mediaType = await evidenceType(content);
    stored = {
      kind: 'file',
      target: input.evidence.target,
      label: input.evidence.label,
      fileName: input.evidence.fileName,
      mediaType,
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
    };
  } else {
    stored = input.evidence;
  }
  const strategyCode = await strategyOfActionPlan(database, input.participant, input.plan);
  return database.db.transaction().execute(async (trx) => {
    const { strategy, report } = await openReport(trx, input, strategyCode);
    const by = 'userId' in input.actor ? input.actor.userId : null;
    const id = await insertEvidence(trx, { strategyId: strategy.id, reportId: report.id }, stored, by);
    await recordAudit(trx, {
      actor: input.actor,
      participantId: strategy.participantId,
      action: 'report.evidence_added',
      entity: 'monitoring_report',
      entityId: `${input.round}/${input.institution}`,
      after: {
        id,
        kind: stored.kind,
        target: stored.target,
        label: stored.label,
        ...(stored.kind === 'link'
          ? { url: stored.url }
          : { fileName: stored.fileName, mediaType: stored.mediaType, sha256: stored.sha256 }),
      },
    });
    return { id };
  });
}

/** Removes a link or a file from a draft or returned report. */
export async function removeEvidence(database: Database, input: EvidenceAddress & { id: number; actor: AuditActor }): Promise<void> {
  const strategyCode = await strategyOfActionPlan(database, input.participant, input.plan);
  await database.db.transaction().execute(async (trx) => {
    const { strategy, report } = await openReport(trx, input, strategyCode);
    const removed = await deleteEvidence(trx, report.id, input.id);
    if (!removed) throw new AppError('NOT_FOUND', { detail: `no evidence ${input.id}` });
    await recordAudit(trx, {
      actor: input.actor,
      participantId: strategy.participantId,
      action: 'report.evidence_removed',
      entity: 'monitoring_report',
      entityId: `${input.round}/${input.institution}`,
      before: { id: removed.id, kind: removed.kind, label: removed.label, url: removed.url, fileName: removed.fileName },
    });
  });
}
