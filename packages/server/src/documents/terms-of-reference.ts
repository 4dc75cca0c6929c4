import { termsOfReference, translator, type EvaluationContent, type Language, type PlanPackage, type TermsBlock } from '@ariadne/domain';
import { Paragraph, TextRun, type FileChild } from 'docx';
import { heading, table, text, wordFile } from './word.ts';

// The terms of reference of an evaluation as a Word document: the domain writes the content from
// the plan and the terms as edited (`termsOfReference`), this lays it out with the house styles.

function blockChildren(block: TermsBlock): FileChild[] {
  switch (block.kind) {
    case 'heading':
      return [heading(block.text, block.level)];
    case 'paragraph':
      return [text(block.text)];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ children: [new TextRun(item)], bullet: { level: 0 }, spacing: { after: 60 } }));
    case 'table':
      return [table(block.head, block.rows), text('')];
  }
}

/** The terms of reference of an evaluation of a strategy as a Word file, in the reader's language. */
export async function termsOfReferenceDocx(plan: PlanPackage, evaluation: EvaluationContent, language: Language): Promise<Buffer> {
  const t = translator(language);
  const title = t('app.evaluations.terms.documentTitle');
  return wordFile({
    creator: 'Ariadne',
    title: `${title}: ${evaluation.title}`,
    header: `${plan.participant.name} · ${title}`,
    page: t('app.evaluations.terms.page'),
    logo: null,
    children: termsOfReference(plan, evaluation, t).flatMap(blockChildren),
  });
}
