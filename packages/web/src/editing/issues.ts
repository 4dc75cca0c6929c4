import type { ApiError, ApiIssue } from '../api.ts';

/**
 * The field issues of a refused edit, by the field's path inside the element: the server names them
 * by their place in the request (`edits[0].data.costs[1].amount`), a form by its own (`costs[1].amount`).
 * Issues about the edit as a whole (`edits[0]`, `edits[0].code`) are kept under `''`.
 */
export function elementIssues(error: ApiError | null, edit = 0): Map<string, string> {
  const issues = new Map<string, string>();
  if (error === null) return issues;
  for (const issue of error.issues) {
    const path = elementPath(issue, edit);
    if (path !== null && !issues.has(path)) issues.set(path, issue.message);
  }
  return issues;
}

/** The path of an issue inside the element the edit is about, or null for an issue of another edit. */
export function elementPath(issue: ApiIssue, edit = 0): string | null {
  const path = issue.path.replace(/^\$\.?/, '');
  const prefix = `edits[${edit}]`;
  if (path === `${prefix}.data` || path === prefix || path === `${prefix}.code`) return '';
  if (path.startsWith(`${prefix}.data.`)) return path.slice(`${prefix}.data.`.length);
  if (path.startsWith(`${prefix}.`)) return '';
  // An issue the server reports without the request's prefix names the element's own field.
  return /^edits\[\d+\]/.test(path) ? null : path;
}

/** The issues the form shows beside no field: for the summary above the form. */
export function unplacedIssues(issues: ReadonlyMap<string, string>, isPlaced: (path: string) => boolean): string[] {
  return [...issues].filter(([path]) => path === '' || !isPlaced(path)).map(([, message]) => message);
}
