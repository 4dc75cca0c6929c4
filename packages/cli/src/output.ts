import { isAppError, negotiateLanguage, translator, type Language } from '@ariadne/domain';

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
