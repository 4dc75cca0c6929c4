import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './test/source-files.ts';

// A string, not `new URL(…)`: in jsdom the global URL is jsdom's, which Node's fileURLToPath refuses.
const SOURCE_DIR = dirname(fileURLToPath(import.meta.url));

/** Attributes that people read or hear; their text must come from the catalogue. */
const USER_FACING_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label']);

const LETTER = /\p{L}/u;

function literalText(node: ts.Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isJsxExpression(node)) return literalText(node.expression);
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => span.literal.text).join('');
  return undefined;
}

/** Finds hard-coded, human-readable text in one TSX source, as `file:line: text`. */
function findLiteralStrings(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const problems: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    problems.push(`${fileName}:${line + 1}: ${JSON.stringify(text.trim())}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      // `{'Save'}` as a child is the same as the text `Save`.
      const text = literalText(node.expression);
      if (text !== undefined && LETTER.test(text)) report(node, text);
    }
    if (ts.isJsxAttribute(node) && USER_FACING_ATTRIBUTES.has(node.name.getText(file))) {
      const text = literalText(node.initializer);
      if (text !== undefined && LETTER.test(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return problems;
}

describe('user-facing text', () => {
  it('finds literal text, and literal user-facing attributes, in a sample', () => {
    const sample = [
      'export const A = () => (',
      '  <div title="Hello" aria-label={"Close"} className="x" data-x="y">',
      '    Save {"now"} {t("app.ok")} {`later`} — 12',
      '    <img alt="" />',
      '  </div>',
      ');',
    ].join('\n');
    expect(findLiteralStrings('sample.tsx', sample)).toEqual([
      'sample.tsx:2: "Hello"',
      'sample.tsx:2: "Close"',
      'sample.tsx:3: "Save"',
      'sample.tsx:3: "now"',
      'sample.tsx:3: "later"',
    ]);
  });

  it('comes from t() in every component', () => {
    const problems = sourceFiles(SOURCE_DIR, ['.tsx']).flatMap((path) =>
      findLiteralStrings(relative(SOURCE_DIR, path), readFileSync(path, 'utf8')),
    );
    expect(problems).toEqual([]);
  });
});
