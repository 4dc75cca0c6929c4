import { readFileSync, statSync } from 'node:fs';
import { AppError, isAppError, isRole, MAX_PACKAGE_BYTES, ROLES, type FieldIssue, type PlanPackage } from '@ariadne/domain';
import { locationFromEnvironment, migrate, openDatabase } from '@ariadne/db';
import {
  checkPlanPackageText,
  createUser,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  exportPlanPackage,
  importPlanPackage,
  loadDemo,
  type ImportedPlanPackage,
} from '@ariadne/server/commands';
import { Command, CommanderError } from 'commander';
import { registerBackupCommands } from './backup.ts';
import { registerMeasureCommands } from './measures.ts';
import { about, describeFailure, describeFailureAbout, FailureAbout, parseAddress, withDatabase } from './output.ts';

/** Prints the demo accounts, for people starting Ariadne for the first time. */
function printDemoAccounts(write: (line: string) => void): void {
  write('Demo accounts (password for all: ' + DEMO_PASSWORD + '):');
  for (const account of DEMO_ACCOUNTS) {
    const roles = account.roles.map((r) => `${r.role}${r.institution ? ` (${r.institution})` : ''} in ${r.participant}`);
    write(`  ${account.email.padEnd(32)} ${roles.join('; ')}`);
  }
}

/** A problem with a whole file, in the error model, so that it reads like the package's own problems. */
function fileProblem(key: string, params?: FieldIssue['params']): AppError {
  return new AppError('VALIDATION_FAILED', { issues: [{ path: '$', key, ...(params ? { params } : {}) }] });
}

/** Reads and checks a plan package file: missing, unreadable, oversized, non-UTF-8, empty and non-JSON files each say so. */
function readPackageFile(file: string): PlanPackage {
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw fileProblem('not_a_file');
    size = stats.size;
  } catch (error) {
    if (isAppError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? fileProblem('file_not_found') : fileProblem('file_unreadable', { detail: (error as Error).message });
  }
  // Checked before reading, so that a huge file is not read at all.
  if (size > MAX_PACKAGE_BYTES) throw fileProblem('package_too_large', { megabytes: MAX_PACKAGE_BYTES / 1024 / 1024 });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw fileProblem('file_unreadable', { detail: (error as Error).message });
  }
  let text: string;
  try {
    // Strict, so that a file saved in another encoding is refused rather than read with U+FFFD in
    // its names; a byte order mark, which some editors write, is dropped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileProblem('not_utf8');
  }
  return checkPlanPackageText(text);
}

/** The import's outcome for a person: what was imported, and how much of it. */
function printImportSummary(imported: ImportedPlanPackage, write: (line: string) => void): void {
  const { summary } = imported;
  const rows: [string, string][] = [
    ['participant', `${imported.participant}${imported.participantCreated ? ' (created)' : ''}`],
    ['strategy', `${imported.strategy}: ${summary.title}`],
    ['period', `${summary.periodStart}–${summary.periodEnd}, ${summary.status}`],
    ['action plans', imported.actionPlans.length > 0 ? imported.actionPlans.join(', ') : '(none)'],
    ['goals', String(summary.counts.goals)],
    ['objectives', String(summary.counts.objectives)],
    ['activities', String(summary.counts.activities)],
    ['indicators', String(summary.counts.indicators)],
    ['cost lines', String(summary.counts.costLines)],
    ['rounds', String(summary.counts.rounds)],
    ['reports', String(summary.counts.reports)],
  ];
  write(`${imported.replaced ? 'Replaced' : 'Imported'} ${imported.participant}/${imported.strategy}.`);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) write(`  ${label.padEnd(width)}  ${value}`);
}

// A reader that stops early (`ariadne demo | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command()
  .name('ariadne')
  .description('Ariadne: anti-trafficking strategies and action plans, from the command line')
  .showHelpAfterError()
  .exitOverride();

program
  .command('serve')
  .description('starts the web server (PORT, HOST; the database from DATABASE_URL or ARIADNE_DATA_DIR)')
  .option('--port <port>', 'port to listen on (default: PORT or 3000)')
  .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
  .option('--demo', 'load the demo data when the database is empty')
  .action(async (options: { port?: string; host?: string; demo?: boolean }) => {
    // The web server is loaded only to serve: the other commands start without it.
    const { startServer } = await import('@ariadne/server');
    const app = await startServer({
      ...(options.port ? { port: Number(options.port) } : {}),
      ...(options.host ? { host: options.host } : {}),
      demoWhenEmpty: options.demo === true,
    });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : Number(options.port ?? process.env.PORT ?? 3000);
    const host = options.host ?? process.env.HOST ?? '127.0.0.1';
    const shown = host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host;
    process.stderr.write(`\nAriadne is running at http://${shown}:${port}\n`);
    if (options.demo) printDemoAccounts((line) => process.stderr.write(line + '\n'));
    process.stderr.write('\n');
  });

program
  .command('migrate')
  .description('brings the database schema up to date')
  .action(async () => {
    const database = await openDatabase(locationFromEnvironment());
    try {
      const applied = await migrate(database);
      for (const name of applied) process.stdout.write(`Applied ${name}\n`);
      process.stdout.write(`The database schema is up to date (${database.kind}).\n`);
    } finally {
      await database.close();
    }
  });

program
  .command('demo')
  .description('loads the demo data (idempotent)')
  .action(async () => {
    const { created } = await withDatabase((database) => loadDemo(database));
    process.stdout.write(created ? 'Demo data loaded.\n' : 'Demo data was already there.\n');
    printDemoAccounts((line) => process.stdout.write(line + '\n'));
  });

program
  .command('import')
  .description('imports a plan package (a strategy with its action plans); all or nothing')
  .argument('<file>', 'the plan package, a JSON file (plan-package.md)')
  .option('--replace', 'replace the strategy if the Participant already has one with the same id')
  .option('--json', 'print { participant, strategy, actionPlans } as JSON, and nothing else, on standard output')
  .action(async (file: string, options: { replace?: boolean; json?: boolean }) => {
    const imported = await about(file, async () => {
      const plan = readPackageFile(file);
      return withDatabase((database) => importPlanPackage(database, { plan, replace: options.replace === true, actor: { system: 'cli' } }));
    });
    if (options.json) {
      const result = { participant: imported.participant, strategy: imported.strategy, actionPlans: imported.actionPlans };
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      printImportSummary(imported, (line) => process.stdout.write(`${line}\n`));
    }
  });

program
  .command('export')
  .description('prints the plan package of a strategy (JSON)')
  .argument('<address>', 'PARTICIPANT/STRATEGY_ID, e.g. DL/NS-2021-2024')
  .action(async (address: string) => {
    const plan = await about(address, () => {
      const { participant, id } = parseAddress(address);
      return withDatabase((database) => exportPlanPackage(database, { participant, strategy: id }));
    });
    process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  });

registerMeasureCommands(program);
registerBackupCommands(program);

const user = program.command('user').description('manages accounts');
user
  .command('add')
  .description('creates an account and prints its one-time password')
  .argument('<email>', 'e-mail address of the account')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
  .option('--participant <code>', 'the Participant the role is held in (may be left out when there is only one)')
  .option('--institution <id>', 'the institution a focal point reports for')
  .option('--plan <id>', 'the local plan a local coordinator coordinates (its action plan’s id)')
  .option('--name <name>', 'the person’s name as shown in Ariadne')
  .action(async (email: string, options: { role: string; participant?: string; institution?: string; plan?: string; name?: string }) => {
    if (!isRole(options.role)) {
      throw new AppError('VALIDATION_FAILED', { issues: [{ path: '--role', key: 'invalid_value' }], detail: options.role });
    }
    const role = options.role;
    const created = await withDatabase(async (database) => {
      let participant = options.participant;
      if (!participant) {
        const all = await database.db.selectFrom('participants').select('code').execute();
        if (all.length !== 1) throw new AppError('VALIDATION_FAILED', { issues: [{ path: '--participant', key: 'required' }] });
        participant = all[0]!.code;
      }
      return createUser(database, {
        participant,
        email,
        role,
        institution: options.institution ?? null,
        plan: options.plan ?? null,
        ...(options.name ? { displayName: options.name } : {}),
        actor: { system: 'cli' },
      });
    });
    process.stdout.write(`Account ${email.trim().toLowerCase()} created with the role ${role}.\n`);
    process.stdout.write(`One-time password: ${created.oneTimePassword}\n`);
    process.stdout.write('Hand it over securely; it must be changed at the first sign-in.\n');
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help).
    process.exit(error.exitCode);
  }
  const line = error instanceof FailureAbout ? describeFailureAbout(error.subject, error.failure) : describeFailure(error);
  // One line, whatever the message holds (a JSON parser's detail can span several).
  process.stderr.write(`ariadne: ${line.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
}
