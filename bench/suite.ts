// `npm run bench`: every benchmark of this folder, on the embedded database and on PostgreSQL, each
// as its own process, their tables gathered into bench/results.md (for people) and
// bench/results.json (for tools), with the machine they ran on, each figure beside the budget the
// issues set (the `target` column) and the API's figures beside the floor of a bare Fastify route.
// The benchmarks only report; nothing here fails on a slow figure.
//
// Environment: BENCH_DATABASES=pglite,postgres (default both), BENCH_ONLY=plans,reporting (a subset),
// POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), RUNS (passed on), LOAD_SECONDS
// and LOAD_USERS for the load run (300 s, 200 people). The browser benchmark needs `npm run build`.
import { execFileSync, spawn } from 'node:child_process';
import { cpus, freemem, totalmem, type as osType, release } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, '..');
const POSTGRES = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Database = 'pglite' | 'postgres';
type Script = { name: string; file: string; databases: Database[]; what: string; needs?: () => string | null };

/** The browser benchmarks drive the built application in Debian's Chromium. */
const builtAndChromium = () =>
  existsSync(join(ROOT, 'packages/web/dist/index.html')) && existsSync('/usr/bin/chromium') ? null : 'needs `npm run build` and Chromium';

const SCRIPTS: Script[] = [
  { name: 'floor', file: 'floor.ts', databases: ['pglite', 'postgres'], what: 'floors: a bare Fastify route, a raw SQL read of a plan' },
  { name: 'foundation', file: 'foundation.ts', databases: ['pglite', 'postgres'], what: 'sign-in, session, the list endpoints' },
  { name: 'plans', file: 'plans.ts', databases: ['pglite', 'postgres'], what: 'import and export of a national-scale plan package' },
  {
    name: 'measures',
    file: 'measures.ts',
    databases: ['pglite'],
    what: 'review, finance, progress in process, through the API and on the command line',
  },
  { name: 'editing', file: 'editing.ts', databases: ['pglite', 'postgres'], what: 'editing a national-scale plan through the API' },
  {
    name: 'reporting',
    file: 'reporting.ts',
    databases: ['pglite', 'postgres'],
    what: 'opening rounds, a focal point’s form, the deadline rush',
  },
  {
    name: 'report-templates',
    file: 'report-templates.ts',
    databases: ['pglite', 'postgres'],
    what: 'the Excel templates of a round and the check of a filled one',
  },
  {
    name: 'documents',
    file: 'documents.ts',
    databases: ['pglite', 'postgres'],
    what: 'the implementation report and the plan in Word and PDF',
  },
  { name: 'public', file: 'public.ts', databases: ['pglite', 'postgres'], what: 'the public portal’s pages' },
  {
    name: 'regional',
    file: 'regional.ts',
    databases: ['pglite', 'postgres'],
    what: 'the regional picture of six national-scale Participants',
  },
  {
    name: 'plan-tree',
    file: 'plan-tree.ts',
    databases: ['pglite'],
    what: 'opening the plan tree in Chromium',
    needs: builtAndChromium,
  },
  {
    name: 'pages',
    file: 'pages.ts',
    databases: ['pglite', 'postgres'],
    what: 'the main pages opening in Chromium: coordinator, focal point, signed out',
    needs: builtAndChromium,
  },
  {
    name: 'load',
    file: 'load.ts',
    databases: ['postgres'],
    what: 'simulated people against two servers behind nginx',
    needs: () => (existsSync('/usr/sbin/nginx') ? null : 'needs nginx'),
  },
];

type Table = { header: string[]; rows: string[][] };
type Run = {
  script: string;
  database: Database;
  what: string;
  seconds: number;
  exitCode: number;
  output: string;
  tables: Table[];
  skipped?: string;
};

/** The Markdown tables of a benchmark's output. */
function tablesOf(output: string): Table[] {
  const tables: Table[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length - 1; i += 1) {
    const line = lines[i]?.trim() ?? '';
    const next = lines[i + 1]?.trim() ?? '';
    if (!line.startsWith('|') || !/^\|[-:| ]+\|$/.test(next)) continue;
    const cells = (text: string) =>
      text
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim());
    const table: Table = { header: cells(line), rows: [] };
    let j = i + 2;
    while (j < lines.length && (lines[j]?.trim() ?? '').startsWith('|')) {
      table.rows.push(cells(lines[j]?.trim() ?? ''));
      j += 1;
    }
    tables.push(table);
    i = j;
  }
  return tables;
}

async function runScript(script: Script, database: Database): Promise<Run> {
  const base = { script: script.name, database, what: script.what };
  const missing = script.needs?.() ?? null;
  if (missing) return { ...base, seconds: 0, exitCode: 0, output: '', tables: [], skipped: missing };
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (database === 'postgres') env.DATABASE_URL = POSTGRES;
  else delete env.DATABASE_URL;
  const started = performance.now();
  let output = '';
  const exitCode = await new Promise<number>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, script.file)], { cwd: ROOT, env });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('exit', (code) => done(code ?? 1));
  });
  return { ...base, seconds: (performance.now() - started) / 1000, exitCode, output, tables: tablesOf(output) };
}

const databases = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',') as Database[];
const only = process.env.BENCH_ONLY?.split(',');
// A subset run keeps the other benchmarks' last results.
const kept: Run[] =
  only && existsSync(join(HERE, 'results.json'))
    ? (JSON.parse(readFileSync(join(HERE, 'results.json'), 'utf8')) as { runs: Run[] }).runs.map((run) => ({
        ...run,
        output: run.output ?? '',
      }))
    : [];
const runs: Run[] = [];
for (const script of SCRIPTS) {
  if (only && !only.includes(script.name)) continue;
  for (const database of script.databases.filter((candidate) => databases.includes(candidate))) {
    process.stdout.write(`\n== ${script.name} on ${database}\n`);
    runs.push(await runScript(script, database));
  }
}

for (const run of kept) {
  if (!runs.some((fresh) => fresh.script === run.script && fresh.database === run.database)) runs.push(run);
}
runs.sort((a, b) => SCRIPTS.findIndex((script) => script.name === a.script) - SCRIPTS.findIndex((script) => script.name === b.script));

// The floors, per database run: of the API, a bare route through inject; of reading or writing a
// whole plan (import, export), its rows read by one raw SQL query.
const floorRow = (database: Database, name: RegExp): number | null => {
  const floor = runs.find((run) => run.script === 'floor' && run.database === database);
  const row = floor?.tables[0]?.rows.find((cells) => name.test(cells[0] ?? ''));
  return row ? Number(row[2]) : null;
};
const floorOf = (database: Database) => floorRow(database, /^bare Fastify route, inject$/);
const sqlFloorOf = (database: Database) => floorRow(database, /^national plan's rows in one raw SQL query/);
const WHOLE_PLAN = /^(import|export|replace)/i;

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
})();
const machine = {
  date: new Date().toISOString(),
  commit,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} GiB free at the end)`,
  os: `${osType()} ${release()}`,
  node: process.version,
};

const lines: string[] = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (bench/suite.ts) on ${machine.date.slice(0, 10)} at commit ${machine.commit}: ${machine.cpus}, ${machine.memory}, ${machine.os}, Node ${machine.node}. Times in milliseconds unless said otherwise; each table as its benchmark printed it, its \`target\` column the budget the issues set. Where a table times API requests, its \`× floor\` column divides the median by the floor of a bare Fastify route on the same machine (through inject); where it times the import or export of a whole plan, its \`× SQL floor\` column divides the median by the time one raw SQL query takes to read that plan's rows on the same database.`,
  '',
];

// Every row that carries a budget, beside it: its median (or its 95th percentile where the budget
// says p95), and whether it is within.
type Budget = { run: Run; what: string; target: string; measured: number; within: boolean; over: number };
function budgetsOf(all: Run[]): Budget[] {
  const budgets: Budget[] = [];
  const number = (cell: string | undefined) => Number((cell ?? '').replace(/[^\d.]/g, ''));
  for (const run of all) {
    if (run.skipped || run.exitCode !== 0) continue;
    for (const table of run.tables) {
      const targetColumn = table.header.findIndex((cell) => /^target/i.test(cell));
      const medianColumn = table.header.findIndex((cell) => /^(median|p50)/i.test(cell));
      const p95Column = table.header.findIndex((cell) => /^p95/i.test(cell));
      if (targetColumn < 0 || medianColumn < 0) continue;
      const inMs = /\(ms\)/.test(table.header[targetColumn] ?? '');
      for (const cells of table.rows) {
        const target = (cells[targetColumn] ?? '').trim();
        const parsed = /^(p95\s*)?<?\s*([\d.]+)\s*(ms|s)?$/.exec(target);
        if (!parsed) continue;
        const limit = Number(parsed[2]) * (parsed[3] === 's' ? 1000 : 1);
        const onP95 = parsed[1] !== undefined && p95Column >= 0;
        const measured = number(cells[onP95 ? p95Column : medianColumn]);
        if (!Number.isFinite(measured) || measured === 0) continue;
        budgets.push({
          run,
          what: cells[0] ?? '',
          target: inMs && !target.startsWith('<') ? `< ${target} ms` : target,
          measured,
          within: measured <= limit,
          over: measured / limit - 1,
        });
      }
    }
  }
  return budgets;
}

const budgets = budgetsOf(runs);
if (budgets.length > 0) {
  const missed = budgets.filter((budget) => !budget.within);
  lines.push(
    '## Budgets',
    '',
    `${budgets.length} measurements carry a budget: those the issues set, and the same limit applied to a request of the same kind (300 ms for every public page, as for the plan page). ${budgets.length - missed.length} are within it${missed.length > 0 ? `, ${missed.length} over` : ''}. The figure is the median, or the 95th percentile where the budget names it. Budgets measured outside this suite: the continuous-integration run under 20 minutes (\`.ci/run\` on a clean clone).`,
    '',
    '| benchmark | database | measurement | budget | measured (ms) | within |',
    '|---|---|---|---|---:|---|',
    ...budgets.map(
      (budget) =>
        `| ${budget.run.script} | ${budget.run.database === 'postgres' ? 'PostgreSQL' : 'PGlite'} | ${budget.what} | ${budget.target} | ${budget.measured.toFixed(budget.measured < 10 ? 1 : 0)} | ${budget.within ? 'yes' : `**no**, ${(budget.over * 100).toFixed(0)} % over`} |`,
    ),
    '',
  );
}

for (const run of runs) {
  lines.push(`## ${run.script} on ${run.database === 'postgres' ? 'PostgreSQL' : 'PGlite'}`, '', `${run.what}.`, '');
  if (run.skipped) {
    lines.push(`Skipped: ${run.skipped}.`, '');
    continue;
  }
  lines.push(`${run.seconds.toFixed(0)} s in all${run.exitCode === 0 ? '' : `; **exited with ${run.exitCode}**`}.`, '');
  const floors = [
    { heading: '× floor', floor: floorOf(run.database), applies: (name: string) => /^(GET|POST|PUT|PATCH|DELETE) /.test(name) },
    { heading: '× SQL floor', floor: sqlFloorOf(run.database), applies: (name: string) => WHOLE_PLAN.test(name) },
  ];
  for (const table of run.tables) {
    const medianColumn = table.header.findIndex((cell) => /^(median|p50)/i.test(cell));
    const ratios = floors.filter(
      ({ floor, applies }) => floor !== null && medianColumn >= 0 && table.rows.some((cells) => applies(cells[0] ?? '')),
    );
    lines.push(`| ${[...table.header, ...ratios.map((ratio) => ratio.heading)].join(' | ')} |`);
    lines.push(`|${[...table.header, ...ratios].map(() => '---').join('|')}|`);
    for (const cells of table.rows) {
      const extra = ratios.map(({ floor, applies }) => {
        const value = Number((cells[medianColumn] ?? '').replace(/[^\d.]/g, ''));
        return applies(cells[0] ?? '') && floor && Number.isFinite(value) && value > 0
          ? `${(value / floor).toFixed(floor < 1 ? 0 : 1)}×`
          : '';
      });
      lines.push(`| ${[...cells, ...extra].join(' | ')} |`);
    }
    lines.push('');
  }
  const notes = run.output
    .split('\n')
    .filter(
      (line) =>
        line.trim() !== '' &&
        !line.trim().startsWith('|') &&
        !/^(Floors|Reporting|Documents|Public|Load|database:|plan )/.test(line.trim()),
    )
    .slice(0, 12);
  if (notes.length > 0) lines.push(...notes.map((line) => `> ${line.trim()}`), '');
}
writeFileSync(join(HERE, 'results.md'), `${lines.join('\n')}\n`);
writeFileSync(join(HERE, 'results.json'), `${JSON.stringify({ machine, runs }, null, 2)}\n`);
process.stdout.write(`\nWrote bench/results.md and bench/results.json (${runs.length} runs).\n`);
