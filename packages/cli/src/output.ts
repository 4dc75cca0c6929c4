import { AppError, isAppError, negotiateLanguage, translator, type Language } from '@ariadne/domain';
import { locationFromEnvironment, migrate, openDatabase, type Database } from '@ariadne/db';

/** The language of the command line's messages: `ARIADNE_LANGUAGE`, else the system locale (`LANG`). */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const raw = env.ARIADNE_LANGUAGE ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  // POSIX locales look like `sr_RS.UTF-8@latin`.
  const tag = raw.split('.')[0]?.replace('_', '-') ?? '';
  return negotiateLanguage(tag === 'C' || tag === 'POSIX' ? '' : tag);
}

/** One clear line about what went wrong and where, for standard error. */
export function describeFailure(error: unknown, language: Language = cliLanguage()): string {
  if (isAppError(error)) {
    const t = translator(language);
    const message = t(`errors.${error.code}`, error.params);
    const issues = error.issues.map((issue) => `${issue.path}: ${t(`issues.${issue.key}`, issue.params)}`);
    return issues.length > 0 ? `${message} ${issues.join('; ')}` : message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Opens and migrates the database the environment names, runs the work, and always closes it. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(locationFromEnvironment());
  try {
    await migrate(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** A failure about one thing the user named (a file, an address): reported as `ariadne: THING: problem`. */
export class FailureAbout extends Error {
  constructor(
    readonly subject: string,
    readonly failure: unknown,
  ) {
    super(`${subject}: ${failure instanceof Error ? failure.message : String(failure)}`, { cause: failure });
  }
}

/** Runs the work, tying any failure to what the user named, so that the one line says where. */
export async function about<T>(subject: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new FailureAbout(subject, error);
  }
}

/**
 * One line for a failure about a file or an address: its first problem with the JSON path (left
 * out when it is the whole of it), and how many more there are. A package can have hundreds.
 */
export function describeFailureAbout(subject: string, error: unknown): string {
  if (!isAppError(error)) return `${subject}: ${describeFailure(error)}`;
  const t = translator(cliLanguage());
  const [first, ...rest] = error.issues;
  if (!first) return `${subject}: ${t(`errors.${error.code}`, error.params)}`;
  const where = first.path === '$' || first.path === subject ? '' : `${first.path}: `;
  const more = rest.length > 0 ? ` ${t('issues.more_problems', { count: rest.length })}` : '';
  return `${subject}: ${where}${t(`issues.${first.key}`, first.params)}${more}`;
}

/** Splits an address `PARTICIPANT/ID` (a strategy's or an action plan's) at its first slash (Participant codes have none; ids may). */
export function parseAddress(address: string, kind: 'strategy' | 'plan' = 'strategy'): { participant: string; id: string } {
  const slash = address.indexOf('/');
  if (slash <= 0 || slash === address.length - 1) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: address, key: kind === 'plan' ? 'plan_address_format' : 'address_format' }],
    });
  }
  return { participant: address.slice(0, slash), id: address.slice(slash + 1) };
}
