import {
  CONSULTATION_DECISION_KEYS,
  CONSULTATION_LOG_TEXTS,
  changeLabel,
  formatDate,
  targetLabel,
  translator,
  type Language,
  type ResolutionLog,
} from '@ariadne/domain';
import { Paragraph, TextRun, type FileChild } from 'docx';
import { heading, table, text, wordFile } from './word.ts';

// The resolution log of a consultation as a Word document: the consultation's facts, the counts of
// decisions, then each comment in the order of the document with its replies, its decision, the
// reason and the change it led to.

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun({ text: value })],
    spacing: { after: 80 },
  });
}

export async function consultationLogDocx(log: ResolutionLog, participantName: string, language: Language): Promise<Buffer> {
  const t = translator(language);
  const date = (value: string) => formatDate(value, language);
  const { consultation, counts } = log;
  const title = t(CONSULTATION_LOG_TEXTS.title, { title: consultation.title });
  const children: FileChild[] = [
    heading(title, 1),
    text(t(CONSULTATION_LOG_TEXTS.intro)),
    labelled(t(CONSULTATION_LOG_TEXTS.document), `${consultation.documentTitle} (${consultation.document})`),
    labelled(t(CONSULTATION_LOG_TEXTS.period), `${date(consultation.openedAt)} – ${date(consultation.closesOn)}`),
    ...(consultation.closedAt === null ? [] : [labelled(t(CONSULTATION_LOG_TEXTS.closedOn), date(consultation.closedAt))]),
    labelled(t(CONSULTATION_LOG_TEXTS.invitees), consultation.invitees.join(', ')),
    heading(t(CONSULTATION_LOG_TEXTS.summary), 2),
    table(
      [t(CONSULTATION_LOG_TEXTS.decision), t(CONSULTATION_LOG_TEXTS.count)],
      (['accepted', 'partly_accepted', 'not_accepted', 'unresolved'] as const).map((decision) => [
        t(CONSULTATION_DECISION_KEYS[decision]),
        String(counts[decision]),
      ]),
      new Set([1]),
      { widths: [80, 20] },
    ),
  ];
  if (log.entries.length === 0) children.push(text(t(CONSULTATION_LOG_TEXTS.none)));
  log.entries.forEach((entry, index) => {
    children.push(heading(`${index + 1}. ${targetLabel(entry.target, t)}`, 2));
    const by = entry.institution === null ? entry.author : `${entry.author} (${entry.institution})`;
    children.push(labelled(t(CONSULTATION_LOG_TEXTS.proposedBy), `${by}, ${date(entry.createdAt)}`));
    children.push(...entry.text.split('\n').map((line) => text(line)));
    if (entry.replies.length > 0) {
      children.push(heading(t(CONSULTATION_LOG_TEXTS.replies), 3));
      for (const reply of entry.replies) {
        const replyBy = reply.institution === null ? reply.author : `${reply.author} (${reply.institution})`;
        children.push(labelled(`${replyBy}, ${date(reply.createdAt)}`, reply.text));
      }
    }
    children.push(labelled(t(CONSULTATION_LOG_TEXTS.decision), t(CONSULTATION_DECISION_KEYS[entry.decision ?? 'unresolved'])));
    if (entry.reason !== null) children.push(labelled(t(CONSULTATION_LOG_TEXTS.reason), entry.reason));
    const change = changeLabel(entry.change, t);
    if (change !== '') children.push(labelled(t(CONSULTATION_LOG_TEXTS.change), change));
  });
  return wordFile({
    creator: 'Ariadne',
    title,
    header: `${participantName} · ${title}`,
    page: t(CONSULTATION_LOG_TEXTS.page),
    logo: null,
    children,
  });
}
