/**
 * CSV (RFC 4180) for exports people open in spreadsheets: every field quoted, quotes doubled, CRLF line ends,
 * and a field that a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage return) prefixed
 * with an apostrophe so that it is shown as text.
 */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const cell = (value: unknown) => {
    let text =
      value === null || value === undefined
        ? ''
        : value instanceof Date
          ? value.toISOString()
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return `"${text.replace(/"/g, '""')}"`;
  };
  return [columns.map(cell).join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
}
