import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Lists every file under a folder whose name ends with one of the suffixes, leaving out tests and test helpers. */
export function sourceFiles(dir: string, suffixes: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test') found.push(...sourceFiles(path, suffixes));
    } else if (suffixes.some((suffix) => entry.name.endsWith(suffix)) && !/\.test\.tsx?$/.test(entry.name)) {
      found.push(path);
    }
  }
  return found.sort();
}
