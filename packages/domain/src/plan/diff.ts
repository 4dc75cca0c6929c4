import type { ElementKind } from './edit.ts';
import { documentItems, sameValue, type DocumentItem, type DocumentScope } from './lifecycle.ts';
import type { PlanPackage } from './package.ts';

/** One difference between two versions of a document, for the history. */
export type PlanChange = {
  kind: ElementKind;
  code: string;
  /** The element's title (an indicator's name, a risk's description, a recommendation's text). */
  title: string;
  change: 'added' | 'removed' | 'changed' | 'moved';
  /** The fields that differ, with their values before and after (`null` where there was none). */
  fields: { field: string; before: unknown; after: unknown }[];
};

/**
 * What changed in a document (the strategy with its goals, objectives, objective indicators,
 * risks and recommendations; or an action plan with its activities and their indicators) from
 * one version of the package to another. Elements are matched by kind and code. An element is
 * `moved` when it changed its parent, or its place relative to the siblings it kept (not when
 * others were added or removed around it); one whose fields changed is `changed`, with a `parent`
 * field when it moved as well. With no earlier version (`null`), everything is `added`. Changes come in the order of the later version, then the removed
 * elements in the order of the earlier one.
 */
export function diffPlans(before: PlanPackage | null, after: PlanPackage, scope: DocumentScope): PlanChange[] {
  const earlier = before === null ? [] : documentItems(before, scope);
  const later = documentItems(after, scope);
  const key = (item: DocumentItem) => `${item.kind}:${item.code}`;
  const earlierByKey = new Map(earlier.map((item) => [key(item), item]));
  const laterKeys = new Set(later.map(key));
  const reordered = reorderedKeys(earlier, later, key);

  const changes: PlanChange[] = [];
  for (const item of later) {
    const previous = earlierByKey.get(key(item));
    if (!previous) {
      changes.push({ kind: item.kind, code: item.code, title: item.title, change: 'added', fields: fieldChanges({}, item.data) });
      continue;
    }
    const fields = fieldChanges(previous.data, item.data);
    const parentChanged = previous.parent !== item.parent;
    if (fields.length > 0) {
      if (parentChanged) fields.push({ field: 'parent', before: previous.parent ?? null, after: item.parent ?? null });
      changes.push({ kind: item.kind, code: item.code, title: item.title, change: 'changed', fields });
    } else if (parentChanged || reordered.has(key(item))) {
      changes.push({
        kind: item.kind,
        code: item.code,
        title: item.title,
        change: 'moved',
        fields: parentChanged ? [{ field: 'parent', before: previous.parent ?? null, after: item.parent ?? null }] : [],
      });
    }
  }
  for (const item of earlier) {
    if (laterKeys.has(key(item))) continue;
    changes.push({ kind: item.kind, code: item.code, title: item.title, change: 'removed', fields: fieldChanges(item.data, {}) });
  }
  return changes;
}

/** The fields that differ between two data objects, in the order the later one gives them. */
function fieldChanges(before: object, after: object): PlanChange['fields'] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((field) => !sameValue(a[field], b[field]))
    .map((field) => ({ field, before: a[field] ?? null, after: b[field] ?? null }));
}

/**
 * The elements whose order among the siblings they kept changed: per parent, the common
 * elements outside a longest common subsequence of the two orders.
 */
function reorderedKeys(earlier: DocumentItem[], later: DocumentItem[], key: (item: DocumentItem) => string): Set<string> {
  const group = (items: DocumentItem[]) => {
    const groups = new Map<string, DocumentItem[]>();
    for (const item of items) {
      const parent = `${item.kind}<${item.parent ?? ''}`;
      const list = groups.get(parent);
      if (list) list.push(item);
      else groups.set(parent, [item]);
    }
    return groups;
  };
  const before = group(earlier);
  const after = group(later);
  const moved = new Set<string>();
  for (const [parent, laterItems] of after) {
    const earlierItems = before.get(parent);
    if (!earlierItems) continue;
    const laterSet = new Set(laterItems.map(key));
    const earlierSet = new Set(earlierItems.map(key));
    const x = earlierItems.map(key).filter((k) => laterSet.has(k));
    const y = laterItems.map(key).filter((k) => earlierSet.has(k));
    const kept = longestCommonSubsequence(x, y);
    for (const k of y) if (!kept.has(k)) moved.add(k);
  }
  return moved;
}

function longestCommonSubsequence(x: string[], y: string[]): Set<string> {
  const n = x.length;
  const m = y.length;
  // lengths[i][j]: the LCS of x[i..] and y[j..], in one flat array.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lengths[at(i, j)] = x[i] === y[j] ? lengths[at(i + 1, j + 1)]! + 1 : Math.max(lengths[at(i + 1, j)]!, lengths[at(i, j + 1)]!);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      kept.add(x[i]!);
      i += 1;
      j += 1;
    } else if (lengths[at(i + 1, j)]! >= lengths[at(i, j + 1)]!) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return kept;
}
