import { styleText } from 'node:util';

/** Colours for a person at a terminal; plain text when the output goes to a file or a pipe. */
export function paint(
  style: 'bold' | 'red' | 'yellow' | 'green' | 'cyan' | 'dim',
  text: string,
  tty = process.stdout.isTTY === true,
): string {
  return tty ? styleText(style, text) : text;
}

/** Lays rows out as an aligned table: columns padded to their widest cell, numbers right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[] = []): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
