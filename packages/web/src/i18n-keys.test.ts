import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, flattenCatalogue } from '@ariadne/domain';
import { sourceFiles } from './test/source-files.ts';

// A string, not `new URL(…)`: in jsdom the global URL is jsdom's, which Node's fileURLToPath refuses.
const SOURCE_DIR = dirname(fileURLToPath(import.meta.url));
const APP_KEY = /^app\.[A-Za-z0-9_.]+$/;

/** Every `'app.…'` string literal in a source (the keys passed to `t()`), with its line. */
function appKeysIn(fileName: string, source: string): { key: string; at: string }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const keys: { key: string; at: string }[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && APP_KEY.test(node.text)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      keys.push({ key: node.text, at: `${fileName}:${line + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return keys;
}

// The domain names some app keys itself (the workbook's column headers), which the web shows through it.
const DOMAIN_DIR = join(SOURCE_DIR, '../../domain/src');
const used = [
  ...sourceFiles(SOURCE_DIR, ['.ts', '.tsx']).flatMap((path) => appKeysIn(relative(SOURCE_DIR, path), readFileSync(path, 'utf8'))),
  ...sourceFiles(DOMAIN_DIR, ['.ts']).flatMap((path) => appKeysIn(relative(SOURCE_DIR, path), readFileSync(path, 'utf8'))),
];
const english = flattenCatalogue(CATALOGUES.en);

describe('the web application catalogue', () => {
  it('has every app key the sources use', () => {
    expect(used.length).toBeGreaterThan(100);
    const missing = used.filter(({ key }) => !english.has(key)).map(({ key, at }) => `${at}: ${key}`);
    expect(missing).toEqual([]);
  });

  it('uses every app key it has (so that no translation goes stale unseen)', () => {
    const keys = new Set(used.map(({ key }) => key));
    const unused = [...english.keys()].filter((key) => key.startsWith('app.') && !keys.has(key));
    expect(unused).toEqual([]);
  });

  it('builds keys only from literals, so that the two checks above see them all', () => {
    const dynamic = sourceFiles(SOURCE_DIR, ['.ts', '.tsx']).flatMap((path) => {
      const source = readFileSync(path, 'utf8');
      return [...source.matchAll(/\bt\(\s*`app\./g)].map(() => relative(SOURCE_DIR, path));
    });
    expect(dynamic).toEqual([]);
  });
});
