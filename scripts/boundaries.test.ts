import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Dependencies point down the layout and never up: domain ← db ← server ← cli, and the web
// application sees only the domain. The domain does no I/O at all.
const ROOT = resolve(import.meta.dirname, '..');
const PACKAGES = ['domain', 'db', 'server', 'web', 'cli'] as const;
type PackageName = (typeof PACKAGES)[number];

const ALLOWED: Record<PackageName, PackageName[]> = {
  domain: [],
  db: ['domain'],
  server: ['domain', 'db'],
  web: ['domain'],
  cli: ['domain', 'db', 'server'],
};

/** Node built-ins that perform I/O or reach the process, forbidden in the pure domain. */
const IO_MODULES =
  /^(node:)?(fs|fs\/promises|child_process|net|http|https|http2|dgram|dns|tls|cluster|worker_threads|os|process|readline)$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|js|mjs)$/.test(entry) && !/\.d\.ts$/.test(entry)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** The package a specifier points into: by its `@ariadne/…` name or by a relative path that leaves the package. */
function targetPackage(specifier: string, file: string): PackageName | null {
  const named = /^@ariadne\/([a-z]+)/.exec(specifier);
  if (named) return (PACKAGES as readonly string[]).includes(named[1]!) ? (named[1] as PackageName) : null;
  if (!specifier.startsWith('.')) return null;
  const target = relative(join(ROOT, 'packages'), resolve(file, '..', specifier)).split(/[\\/]/)[0];
  return (PACKAGES as readonly string[]).includes(target ?? '') ? (target as PackageName) : null;
}

/** Finds every import that breaks the layering, as `file: specifier`. */
export function boundaryViolations(): string[] {
  const violations: string[] = [];
  for (const pkg of PACKAGES) {
    for (const file of sourceFiles(join(ROOT, 'packages', pkg))) {
      const isTest = /\.test\.tsx?$/.test(file);
      for (const specifier of importsOf(file)) {
        const target = targetPackage(specifier, file);
        if (target !== null && target !== pkg && !ALLOWED[pkg].includes(target)) {
          violations.push(`${relative(ROOT, file)}: ${specifier}`);
        }
        if (pkg === 'domain' && !isTest && IO_MODULES.test(specifier)) {
          violations.push(`${relative(ROOT, file)}: ${specifier} (the domain does no I/O)`);
        }
      }
    }
  }
  return violations;
}

describe('package boundaries', () => {
  it('keep dependencies pointing down the layout', () => {
    expect(boundaryViolations()).toEqual([]);
  });

  it('are enforced: an upward import is reported', () => {
    expect(targetPackage('@ariadne/server', join(ROOT, 'packages/domain/src/x.ts'))).toBe('server');
    expect(targetPackage('../../db/src/index.ts', join(ROOT, 'packages/domain/src/x.ts'))).toBe('db');
    expect(targetPackage('./format.ts', join(ROOT, 'packages/domain/src/x.ts'))).toBe('domain');
    expect(ALLOWED.domain.includes('db')).toBe(false);
    expect(ALLOWED.db.includes('server')).toBe(false);
    expect(ALLOWED.db.includes('web')).toBe(false);
  });
});
