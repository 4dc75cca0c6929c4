/**
 * A copy of a plan package without the optional fields given empty (`""` or `[]`), through JSON:
 * two packages the round-trip rule of plan-package.md calls the same compare deeply equal
 * (key order never matters to a deep comparison). Check the package's validity separately: this
 * drops required lists that are empty as well.
 */
export function comparablePackage(plan: unknown): unknown {
  return withoutEmpties(JSON.parse(JSON.stringify(plan)));
}

function withoutEmpties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpties);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === '' || (Array.isArray(item) && item.length === 0)) continue;
    out[key] = withoutEmpties(item);
  }
  return out;
}
