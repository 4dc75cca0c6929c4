import type { ManagementResponse, ResponseActionStatus } from './criteria.ts';

// The follow-up of management responses: whether a recommendation has been answered, where the
// action stands, and whether it is overdue.

/** A recommendation's management response as stored: nothing yet, or the answer with its action. */
export type TrackedResponse = {
  response: ManagementResponse | null;
  actionStatus: ResponseActionStatus;
  dueDate: string | null;
};

/** Where a management response stands: awaiting the response, or the status of its action. */
export type ResponseState = 'awaiting_response' | ResponseActionStatus;

/** The state of a response and whether it is overdue: past its due date (before `today`) and not done. */
export function trackResponse(item: TrackedResponse, today: string): { state: ResponseState; overdue: boolean } {
  if (item.response === null) return { state: 'awaiting_response', overdue: false };
  const overdue = item.dueDate !== null && item.dueDate < today && item.actionStatus !== 'done';
  return { state: item.actionStatus, overdue };
}

/** How many responses of a list are in each state, and how many are overdue. */
export function responseSummary(
  items: readonly TrackedResponse[],
  today: string,
): Record<ResponseState, number> & { total: number; overdue: number } {
  const summary = { total: items.length, awaiting_response: 0, planned: 0, in_progress: 0, done: 0, overdue: 0 };
  for (const item of items) {
    const { state, overdue } = trackResponse(item, today);
    summary[state] += 1;
    if (overdue) summary.overdue += 1;
  }
  return summary;
}
