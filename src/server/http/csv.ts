/**
 * CSV for the staff exports (the audit log, the reports): RFC 4180 with CRLF line ends, and a
 * field that starts like a formula neutralised with a leading apostrophe (CSV injection).
 */

/** One CSV field. */
export const csvField = (value: string | number | null | undefined): string => {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A header line and the rows. */
export const csvTable = (header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string =>
  [header.map(csvField).join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\r\n') + '\r\n';

/** A CSV download that no cache keeps and no browser sniffs. */
export const csvResponse = (body: string, filename: string): Response =>
  new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
