import ExcelJS from 'exceljs';

/** A one-sheet Excel workbook of text and numbers, as a person's file would arrive. */
export async function xlsxOf(sheetName: string, rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
