import type { FieldIssue } from './errors.ts';
import type { $ZodIssue } from 'zod/v4/core';

/** Writes a path of keys and indexes as people read it: `roles[0].institution`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

const EXPECTED_KEYS: Partial<Record<string, string>> = {
  string: 'expected_string',
  number: 'expected_number',
  int: 'expected_integer',
  boolean: 'expected_boolean',
  array: 'expected_array',
  object: 'expected_object',
};

/** Turns a zod issue into a field issue whose message can be shown in any language. */
export function fieldIssueFromZod(issue: $ZodIssue, prefix = ''): FieldIssue[] {
  const path = formatPath(issue.path, prefix);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return [{ path, key: 'required' }];
      return [{ path, key: EXPECTED_KEYS[issue.expected] ?? 'invalid_type' }];
    }
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return [{ path, key: 'invalid_value' }];
    case 'invalid_format':
      return [{ path, key: issue.format === 'email' ? 'invalid_email' : 'invalid_format' }];
    case 'too_small':
      return [
        issue.origin === 'string'
          ? { path, key: 'too_short', params: { minimum: Number(issue.minimum) } }
          : { path, key: 'too_small', params: { minimum: Number(issue.minimum) } },
      ];
    case 'too_big':
      return [
        issue.origin === 'string'
          ? { path, key: 'too_long', params: { maximum: Number(issue.maximum) } }
          : { path, key: 'too_big', params: { maximum: Number(issue.maximum) } },
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key], prefix), key: 'unknown_field' }));
    case 'custom': {
      const key = typeof issue.params?.key === 'string' ? issue.params.key : 'invalid';
      return [{ path, key }];
    }
    default:
      return [{ path, key: 'invalid' }];
  }
}
