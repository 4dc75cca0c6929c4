import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { validatePlanPackage, type PlanPackage } from '@ariadne/domain';
import { comparablePackage, generatePlanPackage } from '@ariadne/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/ariadne.js', import.meta.url));

// The command line runs as a person runs it: a separate process, on its own database (a new
// embedded one in a temporary folder, or a new database on the PostgreSQL server of DATABASE_URL).
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const base = { ...process.env, ARIADNE_LANGUAGE: 'en' };
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `ariadne_cli_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    env = { ...base, DATABASE_URL: target.toString() };
    cleanup = async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ariadne-cli-'));
    env = { ...base, ARIADNE_DATA_DIR: join(dir, 'data') };
    delete env.DATABASE_URL;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => cleanup?.());

async function ariadne(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // Exports are large: let them through whole.
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npx ariadne', () => {
  it('migrates, loads the demo once, and adds accounts with a one-time password', async () => {
    const migrated = await ariadne('migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('Applied 0001_foundation');

    const demo = await ariadne('demo');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Demo data loaded.');
    expect(demo.stdout).toContain('coordinator@demoland.example');
    expect((await ariadne('demo')).stdout).toContain('Demo data was already there.');

    const added = await ariadne(
      'user',
      'add',
      'Shelter.Manager@Demoland.example',
      '--role',
      'focal_point',
      '--participant',
      'DL',
      '--institution',
      'NGO-SH',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/One-time password: [a-z2-9]{5}(-[a-z2-9]{5}){3}/);
  });

  it('fails with one clear line on standard error and a non-zero exit, changing nothing', async () => {
    const duplicate = await ariadne('user', 'add', 'shelter.manager@demoland.example', '--role', 'observer', '--participant', 'DL');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stdout).toBe('');
    expect(duplicate.stderr.trim().split('\n')).toHaveLength(1);
    expect(duplicate.stderr).toContain('email: An account with this e-mail address already exists.');

    const noInstitution = await ariadne('user', 'add', 'new.focal@demoland.example', '--role', 'focal_point', '--participant', 'DL');
    expect(noInstitution.code).toBe(1);
    expect(noInstitution.stderr).toMatch(/^ariadne: .*institution: This field is required\.\n$/);

    const badRole = await ariadne('user', 'add', 'new.focal@demoland.example', '--role', 'wizard', '--participant', 'DL');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role');

    const noPlan = await ariadne('user', 'add', 'local.two@demoland.example', '--role', 'local_coordinator', '--participant', 'DL');
    expect(noPlan.code).toBe(1);
    expect(noPlan.stderr).toMatch(/^ariadne: .*plan: A local coordinator needs the local plan they coordinate\.\n$/);
    const addLocal = (plan: string) =>
      ariadne('user', 'add', 'local.two@demoland.example', '--role', 'local_coordinator', '--participant', 'DL', '--plan', plan);
    const nationalPlan = await addLocal('AP-2021-2022');
    expect(nationalPlan.code).toBe(1);
    expect(nationalPlan.stderr).toContain('plan: ');
    const local = await addLocal('LAP-VEL-2022');
    expect(local.code).toBe(0);
    expect(local.stdout).toContain('created with the role local_coordinator');

    // The refused account was not created: adding it properly now works.
    const proper = await ariadne('user', 'add', 'new.focal@demoland.example', '--role', 'observer', '--participant', 'DL');
    expect(proper.code).toBe(0);
  });
});

describe('npx ariadne import and export', () => {
  const DEMOLAND = fileURLToPath(new URL('../../server/demo/demoland.plan.json', import.meta.url));
  let files: string;
  beforeAll(() => {
    files = mkdtempSync(join(tmpdir(), 'ariadne-cli-files-'));
  });
  afterAll(() => rmSync(files, { recursive: true, force: true }));

  function packageFile(name: string, plan: unknown): string {
    const file = join(files, name);
    writeFileSync(file, JSON.stringify(plan));
    return file;
  }

  it('imports a package, printing exactly the result as one JSON document, and exports it back', async () => {
    const plan = generatePlanPackage({
      seed: 5,
      optional: 'all',
      participant: { code: 'CLI', name: 'Cliland', currency: 'EUR', locale: 'mk' },
    });
    const imported = await ariadne('import', packageFile('cliland.json', plan), '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toStrictEqual({
      participant: 'CLI',
      strategy: plan.strategy.id,
      actionPlans: plan.actionPlans.map((actionPlan) => actionPlan.id),
    });

    const exported = await ariadne('export', `CLI/${plan.strategy.id}`);
    expect(exported.code).toBe(0);
    const back = JSON.parse(exported.stdout) as PlanPackage;
    expect(exported.stdout).toBe(`${JSON.stringify(back, null, 2)}\n`);
    expect(validatePlanPackage(back).ok).toBe(true);
    expect(comparablePackage(back)).toEqual(comparablePackage(plan));
  });

  it('refuses a strategy already there unless --replace, and then says what it imported', async () => {
    // The demo loaded Demoland's package already.
    const again = await ariadne('import', DEMOLAND);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe(
      `ariadne: ${DEMOLAND}: $.strategy.id: The strategy DL/NS-2021-2024 has already been imported. Import it with the replace option to replace it.\n`,
    );

    const replaced = await ariadne('import', DEMOLAND, '--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('Replaced DL/NS-2021-2024.');
    expect(replaced.stdout).toMatch(/action plans +AP-2021-2022, AP-2023-2024\n/);
    expect(replaced.stdout).toMatch(/activities +45\n/);
    expect(replaced.stdout).toMatch(/reports +\d+\n/);
    const exported = await ariadne('export', 'DL/NS-2021-2024');
    expect(JSON.parse(exported.stdout)).toEqual(JSON.parse(readFileSync(DEMOLAND, 'utf8')));
  });

  it('fails with one line naming the file, the first JSON path and how many more problems there are', async () => {
    const broken = JSON.parse(readFileSync(DEMOLAND, 'utf8')) as PlanPackage;
    broken.participant.code = 'BRK';
    broken.actionPlans[0]!.activities[3]!.lead = 'NOPE';
    broken.actionPlans[1]!.activities[0]!.objective = 'O9.9';
    const validation = validatePlanPackage(broken);
    const count = validation.ok ? 0 : validation.issues.length;
    expect(count).toBeGreaterThan(2);
    const file = packageFile('broken.json', broken);
    const failed = await ariadne('import', file, '--json');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toBe(
      `ariadne: ${file}: $.actionPlans[0].activities[3].lead: No institution with the id “NOPE” is listed in the package. (and ${count - 1} more problems)\n`,
    );

    const missing = await ariadne('import', join(files, 'nowhere.json'));
    expect(missing.stderr).toBe(`ariadne: ${join(files, 'nowhere.json')}: The file does not exist.\n`);
    expect(missing.code).toBe(1);

    const unknown = await ariadne('export', 'DL/NOPE');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('ariadne: DL/NOPE: No strategy with the id “NOPE” has been imported for DL.\n');
  });
});

describe('npx ariadne review, finance, progress and regional', () => {
  it('print the shapes of cli.md with --json, on the demo plan', async () => {
    expect((await ariadne('demo')).code).toBe(0);

    const review = await ariadne('review', 'DL/AP-2021-2022', '--json');
    expect(review.code).toBe(0);
    const findings = JSON.parse(review.stdout) as { plan: string; summary: { error: number; warning: number; info: number } };
    expect(findings.plan).toBe('DL/AP-2021-2022');
    expect(findings.summary).toMatchObject({ error: 0, warning: 13, info: 1 });

    const finance = JSON.parse((await ariadne('finance', 'DL/AP-2021-2022', '--json')).stdout) as Record<string, unknown>;
    expect(finance).toMatchObject({ plan: 'DL/AP-2021-2022', currency: 'EUR', total: 1181500, fundingGap: 175000, stateShare: 0.5184 });

    const progress = JSON.parse((await ariadne('progress', 'DL/AP-2021-2022', '--as-of', '2021-06-30', '--json')).stdout) as {
      activities: { byStatus: Record<string, number> };
      budget: Record<string, number | null>;
    };
    expect(progress.activities.byStatus).toEqual({ not_started: 15, ongoing: 17, completed: 0, delayed: 0, cancelled: 0 });
    expect(progress.budget).toEqual({ plannedToDate: 501500, spent: 132001, execution: 0.2632 });

    const regional = JSON.parse((await ariadne('regional', '--as-of', '2023-06-30', '--json')).stdout) as {
      participants: { code: string; validStrategies: { id: string }[]; validActionPlans: { id: string }[] }[];
    };
    const demoland = regional.participants.find((p) => p.code === 'DL');
    expect(demoland?.validStrategies.map((s) => s.id)).toEqual(['NS-2021-2024']);
    expect(demoland?.validActionPlans).toEqual([]); // AP-2023-2024 is a draft
  });

  it('print aligned tables for people, and one clear line when the address or date is wrong', async () => {
    const review = await ariadne('review', 'DL/AP-2021-2022');
    expect(review.stdout).toContain('Plan review of DL/AP-2021-2022: 0 errors, 13 warnings, 1 for information');
    expect(review.stdout).toMatch(/^rule\s+severity\s+subject\s+finding$/m);
    const finance = await ariadne('finance', 'DL/AP-2021-2022');
    expect(finance.stdout).toContain('Finance of DL/AP-2021-2022: €1,181,500.00');

    const unknown = await ariadne('review', 'DL/AP-1999', '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('ariadne: DL/AP-1999: No action plan DL/AP-1999 was found.\n');
    const noSlash = await ariadne('finance', 'AP-2021-2022');
    expect(noSlash.stderr).toBe('ariadne: AP-2021-2022: Expected PARTICIPANT/PLAN_ID, for example DL/AP-2021-2022.\n');
    const badDate = await ariadne('progress', 'DL/AP-2021-2022', '--as-of', '2021-02-30');
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('--as-of');
  });
});
