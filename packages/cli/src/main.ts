import { AppError, isRole, ROLES } from '@ariadne/domain';
import { locationFromEnvironment, migrate, openDatabase, type Database } from '@ariadne/db';
import { createUser, DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo, startServer } from '@ariadne/server';
import { Command, CommanderError } from 'commander';
import { describeFailure } from './output.ts';

/** Opens and migrates the database the environment names, runs the work, and always closes it. */
async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(locationFromEnvironment());
  try {
    await migrate(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Prints the demo accounts, for people starting Ariadne for the first time. */
function printDemoAccounts(write: (line: string) => void): void {
  write('Demo accounts (password for all: ' + DEMO_PASSWORD + '):');
  for (const account of DEMO_ACCOUNTS) {
    const roles = account.roles.map((r) => `${r.role}${r.institution ? ` (${r.institution})` : ''} in ${r.participant}`);
    write(`  ${account.email.padEnd(32)} ${roles.join('; ')}`);
  }
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

const user = program.command('user').description('manages accounts');
user
  .command('add')
  .description('creates an account and prints its one-time password')
  .argument('<email>', 'e-mail address of the account')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
  .option('--participant <code>', 'the Participant the role is held in (may be left out when there is only one)')
  .option('--institution <id>', 'the institution a focal point reports for')
  .option('--name <name>', 'the person’s name as shown in Ariadne')
  .action(async (email: string, options: { role: string; participant?: string; institution?: string; name?: string }) => {
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
  process.stderr.write(`ariadne: ${describeFailure(error)}\n`);
  process.exit(1);
}
