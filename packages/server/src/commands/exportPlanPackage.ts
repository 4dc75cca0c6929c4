import { AppError, type PlanPackage } from '@ariadne/domain';
import { findStrategy, readPlanPackageSnapshot, type Database } from '@ariadne/db';

export type ExportPlanPackageOptions = {
  /** The Participant's code, e.g. `DL`. */
  participant: string;
  /** The strategy's id, e.g. `NS-2021-2024`. */
  strategy: string;
};

/**
 * Rebuilds a strategy's plan package from the database, as one consistent snapshot (a replacement
 * running at the same time is seen entirely or not at all). NOT_FOUND names the address asked for.
 */
export async function exportPlanPackage(database: Database, options: ExportPlanPackageOptions): Promise<PlanPackage> {
  const plan = await readPlanPackageSnapshot(
    database.db,
    async (trx) => (await findStrategy(trx, options.participant, options.strategy))?.id,
  );
  if (!plan) {
    throw new AppError('NOT_FOUND', {
      issues: [
        {
          path: `${options.participant}/${options.strategy}`,
          key: 'strategy_not_found',
          params: { participant: options.participant, id: options.strategy },
        },
      ],
      detail: `no strategy ${options.participant}/${options.strategy}`,
    });
  }
  return plan;
}
