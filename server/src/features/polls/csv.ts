// Poll results as CSV for staff: ";"-separated with a BOM, which is what Czech Excel opens.
import type { ModPollDto } from '../../protocol/polls.ts';

const HEADER = [
  'poll',
  'kind',
  'status',
  'opened_at',
  'closed_at',
  'voters',
  'answer',
  'count',
  'percent',
];

/** Quotes a field when it holds the separator, a quote or a line break; defuses formulas. */
function field(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/u.test(text)) text = `'${text}`;
  return /[;"\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function pollsCsv(polls: readonly ModPollDto[]): string {
  const lines = [HEADER.join(';')];
  for (const poll of polls) {
    const { voters, tally } = poll.results;
    // A poll nobody answered (an empty word cloud) still gets its line.
    const entries = tally.length ? tally : [{ label: '', count: 0 }];
    for (const entry of entries) {
      // A decimal comma, as the ";" separator promises Czech Excel.
      const percent = (voters ? Math.round((entry.count / voters) * 1000) / 10 : 0)
        .toString()
        .replace('.', ',');
      lines.push(
        [
          poll.question,
          poll.kind,
          poll.status,
          poll.openedAt,
          poll.closedAt,
          voters,
          entry.label,
          entry.count,
          percent,
        ]
          .map(field)
          .join(';'),
      );
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
