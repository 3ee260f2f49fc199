// CSV the way Czech Excel opens it: ";"-separated, CRLF, with a BOM; formulas defused.

export type CsvValue = string | number | null;

/** Quotes a field when it holds the separator, a quote or a line break; defuses formulas. */
function field(value: CsvValue): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/u.test(text)) text = `'${text}`;
  return /[;"\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: readonly CsvValue[][]): string {
  const lines = [header.join(';'), ...rows.map((row) => row.map(field).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
