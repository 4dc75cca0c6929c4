import { useCallback, useEffect, useState } from 'react';
import { asApiError, type ApiError } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import { editingApi, type StrategyOutline } from './api.ts';

type Answer = { key: string; outline: StrategyOutline | null; error: ApiError | null };

/**
 * The outline of a strategy (goals, objectives, action plans with their activities, the registers
 * the pickers offer), read once and again on `reload`. While it is read again, and when reading it
 * again fails, the last outline stays on screen, so that a tree being edited never flashes empty.
 */
export function useOutline(
  participant: string,
  strategyId: string,
): { outline: StrategyOutline | null; error: ApiError | null; reload: () => void } {
  const { language } = useLanguage();
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const strategyKey = `${participant}\u0000${strategyId}`;
  const key = `${strategyKey}\u0000${language}\u0000${attempt}`;

  useEffect(() => {
    const controller = new AbortController();
    editingApi(participant, strategyId)
      .outline(controller.signal)
      .then((outline) => {
        if (!controller.signal.aborted) setAnswer({ key, outline, error: null });
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer((previous) => ({
          key,
          // Another strategy's outline is never shown for this one.
          outline: previous !== null && previous.key.startsWith(`${strategyKey}\u0000`) ? previous.outline : null,
          error: asApiError(caught),
        }));
      });
    return () => controller.abort();
  }, [participant, strategyId, strategyKey, key]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = answer !== null && answer.key.startsWith(`${strategyKey}\u0000`) ? answer : null;
  return { outline: current?.outline ?? null, error: current !== null && current.key === key ? current.error : null, reload };
}
