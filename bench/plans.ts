// Measures importing and exporting a national-scale plan package: 1 strategy, 6 goals, 30
// objectives, 500 activities, 1,500 indicators, 2,000 cost lines, 60 institutions and 12 monitoring
// rounds of 60 reports, every optional field filled. Run with `npx tsx bench/plans.ts` for the
// embedded database (on disk, as the server and the command line use it), and with DATABASE_URL
// for PostgreSQL. Prints a Markdown table of the first run and the median of the runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { comparablePackage, generatePlanPackage, migrate, NATIONAL_SCALE, openDatabase, type Database } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';
import { checkPlanPackageText, exportPlanPackage, importPlanPackage } from '@ariadne/server';
import { median, timed as time } from './timing.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const actor = { system: 'bench' };

type Result = { name: string; times: number[]; target?: string };

const onPostgres = process.env.DATABASE_URL !== undefined;
let folder: string | null = null;
let database: Database;
const openedAt = performance.now();
if (onPostgres) {
  database = await openTestDatabase();
} else {
  folder = mkdtempSync(join(tmpdir(), 'ariadne-bench-'));
  database = await openDatabase({ kind: 'pglite', dataDir: folder });
  await migrate(database);
}
const openMs = performance.now() - openedAt;

const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
const text = JSON.stringify(plan);
const address = { participant: plan.participant.code, strategy: plan.strategy.id };

const check: Result = { name: 'check (parse and validate the JSON text)', times: [] };
const importing: Result = { name: 'import (check, then write in one transaction)', times: [], target: onPostgres ? '< 3 s' : '< 5 s' };
const replacing: Result = { name: 'import with replace (delete the old strategy, write the new)', times: [] };
const exporting: Result = { name: 'export (read in one snapshot, then JSON)', times: [], target: '< 2 s' };

let roundTrip = true;
let summary = '';
try {
  for (let run = 0; run < RUNS; run += 1) {
    check.times.push(await time(async () => checkPlanPackageText(text)));
    importing.times.push(
      await time(async () => {
        const imported = await importPlanPackage(database, { plan: checkPlanPackageText(text), actor });
        summary = Object.entries(imported.summary.counts)
          .map(([kind, count]) => `${count.toLocaleString('en')} ${kind}`)
          .join(', ');
      }),
    );
    let exported: unknown = null;
    exporting.times.push(
      await time(async () => {
        const back = await exportPlanPackage(database, address);
        exported = JSON.stringify(back, null, 2);
      }),
    );
    if (run === 0 && typeof exported === 'string') {
      roundTrip = isDeepStrictEqual(comparablePackage(JSON.parse(exported)), comparablePackage(plan));
    }
    replacing.times.push(await time(() => importPlanPackage(database, { plan: checkPlanPackageText(text), replace: true, actor })));
    // Start the next run from an empty Participant, outside the timings.
    await database.db.deleteFrom('participants').where('code', '=', plan.participant.code).execute();
  }
} finally {
  await database.close();
  if (folder !== null) rmSync(folder, { recursive: true, force: true });
}

process.stdout.write(
  `database: ${onPostgres ? 'PostgreSQL' : 'PGlite (on disk)'}; opening and migrating it: ${openMs.toFixed(0)} ms; ` +
    `package: ${(text.length / 1024 / 1024).toFixed(1)} MB of JSON (${summary}); round trip: ${roundTrip ? 'equal' : 'DIFFERENT'}\n\n`,
);
process.stdout.write('| step | runs | first (ms) | median (ms) | target |\n|---|---:|---:|---:|---|\n');
for (const result of [check, importing, replacing, exporting]) {
  const first = result.times[0] ?? 0;
  process.stdout.write(
    `| ${result.name} | ${result.times.length} | ${first.toFixed(0)} | ${median(result.times).toFixed(0)} | ${result.target ?? ''} |\n`,
  );
}
if (!roundTrip) process.exitCode = 1;
