/** What an uploaded workbook may be: generous for a national action plan, far from what would exhaust the server. */
export const WORKBOOK_LIMITS = {
  /** The file itself. */
  maxBytes: 10 * 1024 * 1024,
  /** All its parts once unpacked: a workbook of 5,000 rows of text is a few megabytes. */
  maxUnpackedBytes: 40 * 1024 * 1024,
  /** Parts in the zip container (an ordinary workbook has a dozen or two). */
  maxEntries: 2_000,
  /** Rows with a value, per sheet. */
  maxRows: 5_000,
  /** Row elements, per sheet, with or without a value (formatted empty rows). */
  maxRowElements: 20_000,
  /** Columns: as far as IV. */
  maxColumns: 256,
  /** Cells in the whole workbook. */
  maxCells: 300_000,
} as const;

export type WorkbookLimits = { [K in keyof typeof WORKBOOK_LIMITS]: number };
