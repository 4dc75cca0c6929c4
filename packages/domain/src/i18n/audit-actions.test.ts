import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../policies.ts';
import { CATALOGUES, flattenCatalogue } from './catalogs.ts';

// Every action the server writes to the audit trail has a name people can read in the audit page.
const SERVER = new URL('../../../server/src', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return entry.endsWith('.ts') && !entry.endsWith('.test.ts') ? [path] : [];
  });
}

describe('audit actions', () => {
  it('all have a name in the catalogue', () => {
    const written = new Set<string>();
    for (const file of sources(SERVER)) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('recordAudit')) continue;
      for (const match of text.matchAll(
        /'((?:session|user|participant|plan|strategy|institution|round|report|publication|evaluation|consultation|operational_plan)(?:\.[a-z_]+)+)'/g,
      )) {
        // The names of the policies' actions (`report.review`) sit beside the audit calls in the routes.
        if ((ACTIONS as readonly string[]).includes(match[1]!)) continue;
        written.add(match[1]!);
      }
    }
    expect(written.size).toBeGreaterThan(5);
    const names = flattenCatalogue(CATALOGUES.en);
    const missing = [...written].filter((action) => !names.has(`auditActions.${action.replaceAll('.', '_')}`));
    expect(missing).toEqual([]);
  });
});
