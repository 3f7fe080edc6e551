import type { ChecklistSummaryRow } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

const CSV_COLUMNS: (keyof ChecklistSummaryRow)[] = [
  'entityRef',
  'title',
  'owner',
  'lifecycle',
  'status',
  'level',
  'score',
  'scoreWithoutWaivers',
  'failing',
  'waived',
  'evaluatedAt',
  'trend',
  'template',
];

function csvText(value: unknown): string {
  if (Array.isArray(value)) return value.join(' ');
  if (value === null || value === undefined) return '';
  return String(value);
}

/** RFC 4180 CSV of the summary rows. */
export function summaryToCsv(rows: ChecklistSummaryRow[]): string {
  const cell = (value: unknown) => {
    const text = csvText(value);
    // A leading = + - @, or a TAB or CR before one (spreadsheets skip them), would make
    // spreadsheets evaluate the cell (OWASP's CSV injection list; numbers are safe).
    const safe =
      typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)
        ? `'${text}`
        : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [
    CSV_COLUMNS.join(','),
    ...rows.map(row => CSV_COLUMNS.map(c => cell(row[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
