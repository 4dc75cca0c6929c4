import {
  AppError,
  formatMoney,
  formatNumber,
  planFinance,
  planProgress,
  regionalPicture,
  reviewPlan,
  toMinorUnits,
  translator,
  type Language,
} from '@ariadne/domain';
import { loadActionPlan, loadRegionalOutline } from '@ariadne/server/commands';
import type { Command } from 'commander';
import { about, cliLanguage, parseAddress, withDatabase } from './output.ts';
import { paint, table } from './tables.ts';

/**
 * Loads the action plan at `PARTICIPANT/PLAN_ID`; a failure names the address. The review and the
 * financial plan do not read the monitoring history, so it is left unread for them.
 */
function loadPlan(address: string, options: { monitoring: boolean }) {
  return about(address, () => {
    const { participant, id } = parseAddress(address, 'plan');
    return withDatabase((database) => loadActionPlan(database, participant, id, options));
  });
}

/** Checks an `--as-of` date. */
export function parseAsOf(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: '--as-of', key: 'invalid_date' }], detail: value });
  }
  return value;
}

function percent(share: number | null, language: Language): string {
  return share === null ? '–' : `${formatNumber(share * 100, language, 2)} %`;
}

function print(text: string): void {
  process.stdout.write(text);
}

/** Adds `review`, `finance`, `progress` and `regional` (cli.md) to the command line. */
export function registerMeasureCommands(program: Command): void {
  program
    .command('review')
    .description('plan review of an action plan (measures.md §3)')
    .argument('<plan>', 'PARTICIPANT/PLAN_ID, e.g. DL/AP-2021-2022')
    .option('--json', 'print the result as JSON')
    .action(async (address: string, options: { json?: boolean }) => {
      const language = cliLanguage();
      const loaded = await loadPlan(address, { monitoring: false });
      const result = reviewPlan(loaded.plan, loaded.planId, address, translator(language));
      if (options.json) return print(JSON.stringify(result) + '\n');
      const { error, warning, info } = result.summary;
      print(`${paint('bold', `Plan review of ${address}`)}: ${error} errors, ${warning} warnings, ${info} for information\n\n`);
      const colour = { error: 'red', warning: 'yellow', info: 'cyan' } as const;
      print(
        table(
          ['rule', 'severity', 'subject', 'finding'],
          result.findings.map((f) => [f.rule, paint(colour[f.severity], f.severity), f.subject ?? '', f.message]),
        ),
      );
    });

  program
    .command('finance')
    .description('financial plan of an action plan (measures.md §1)')
    .argument('<plan>', 'PARTICIPANT/PLAN_ID')
    .option('--json', 'print the result as JSON')
    .action(async (address: string, options: { json?: boolean }) => {
      const loaded = await loadPlan(address, { monitoring: false });
      const result = planFinance(loaded.plan, loaded.planId, address);
      if (options.json) return print(JSON.stringify(result) + '\n');
      const language = cliLanguage();
      const money = (amount: number) => formatMoney(toMinorUnits(amount), result.currency, language);
      const breakdown = (title: string, values: Record<string, number>) =>
        `${paint('bold', title)}\n` +
        table(
          ['', 'amount'],
          Object.entries(values).map(([key, amount]) => [key, money(amount)]),
          [false, true],
        ) +
        '\n';
      print(`${paint('bold', `Finance of ${address}`)}: ${money(result.total)}\n\n`);
      print(breakdown('By year', result.byYear));
      print(breakdown('By area', result.byArea));
      print(breakdown('By source', result.bySource));
      print(breakdown('By funding status', result.byStatus));
      print(`State budget share: ${percent(result.stateShare, language)}\n`);
      print(`Share led by NGOs: ${percent(result.ngoShare, language)}\n`);
      print(`Funding gap: ${money(result.fundingGap)}`);
      print(result.unfundedActivities.length > 0 ? ` (unfunded activities: ${result.unfundedActivities.join(', ')})\n` : '\n');
    });

  program
    .command('progress')
    .description('progress of an action plan as of a date (measures.md §2)')
    .argument('<plan>', 'PARTICIPANT/PLAN_ID')
    .requiredOption('--as-of <date>', 'the date of the picture, YYYY-MM-DD')
    .option('--json', 'print the result as JSON')
    .action(async (address: string, options: { asOf: string; json?: boolean }) => {
      const asOf = parseAsOf(options.asOf);
      const loaded = await loadPlan(address, { monitoring: true });
      const result = planProgress(loaded.plan, loaded.planId, asOf, address);
      if (options.json) return print(JSON.stringify(result) + '\n');
      const language = cliLanguage();
      const currency = loaded.plan.participant.currency;
      const { activities, budget } = result;
      const statuses = ['not_started', 'ongoing', 'completed', 'delayed', 'cancelled'] as const;
      print(`${paint('bold', `Progress of ${address} as of ${asOf}`)}\n\n`);
      print(`Activities: ${activities.total}; implementation rate ${percent(activities.implementationRate, language)}\n`);
      print(
        table(
          ['area', ...statuses],
          [
            ...Object.entries(activities.byArea).map(([area, counts]) => [area, ...statuses.map((s) => String(counts[s]))]),
            ['all', ...statuses.map((s) => String(activities.byStatus[s]))],
          ],
          [false, true, true, true, true, true],
        ) + '\n',
      );
      const value = (n: number | null) => (n === null ? '–' : formatNumber(n, language, 4));
      print(
        table(
          ['indicator', 'baseline', 'target', 'actual', 'progress', 'expected', 'status'],
          result.indicators.map((i) => [
            i.id,
            value(i.baseline),
            value(i.target),
            value(i.actual),
            percent(i.progress, language),
            percent(i.expected, language),
            i.status,
          ]),
          [false, true, true, true, true, true, false],
        ) + '\n',
      );
      const money = (amount: number) => formatMoney(toMinorUnits(amount), currency, language);
      print(
        `Budget: planned to date ${money(budget.plannedToDate)}, spent ${money(budget.spent)}, execution ${percent(budget.execution, language)}\n`,
      );
    });

  program
    .command('regional')
    .description('the regional picture as of a date (measures.md §4)')
    .requiredOption('--as-of <date>', 'the date of the picture, YYYY-MM-DD')
    .option('--json', 'print the result as JSON')
    .action(async (options: { asOf: string; json?: boolean }) => {
      const asOf = parseAsOf(options.asOf);
      const packages = await withDatabase((database) => loadRegionalOutline(database));
      const result = regionalPicture(packages, asOf);
      if (options.json) return print(JSON.stringify(result) + '\n');
      print(`${paint('bold', `Regional picture as of ${asOf}`)}\n\n`);
      print(
        table(
          ['participant', 'strategies in force', 'action plans in force', 'expired strategy', 'principles'],
          result.participants.map((p) => [
            `${p.code} ${p.name}`,
            p.validStrategies.map((s) => `${s.id} (${s.periodStart}–${s.periodEnd})`).join(', ') || '–',
            p.validActionPlans.map((a) => `${a.id} (${a.start} – ${a.end})`).join(', ') || '–',
            p.expiredStrategy ? `${p.expiredStrategy.id} (${p.expiredStrategy.periodStart}–${p.expiredStrategy.periodEnd})` : '–',
            String(p.principles.length),
          ]),
          [false, false, false, false, true],
        ),
      );
    });
}
