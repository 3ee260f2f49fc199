// Poll results as CSV for staff.
import { csvDocument, type CsvValue } from '../../lib/csv.ts';
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

export function pollsCsv(polls: readonly ModPollDto[]): string {
  const rows: CsvValue[][] = [];
  for (const poll of polls) {
    const { voters, tally } = poll.results;
    // A poll nobody answered (an empty word cloud) still gets its line.
    const entries = tally.length ? tally : [{ label: '', count: 0 }];
    for (const entry of entries) {
      // A decimal comma, as the ";" separator promises Czech Excel.
      const percent = (voters ? Math.round((entry.count / voters) * 1000) / 10 : 0)
        .toString()
        .replace('.', ',');
      rows.push([
        poll.question,
        poll.kind,
        poll.status,
        poll.openedAt,
        poll.closedAt,
        voters,
        entry.label,
        entry.count,
        percent,
      ]);
    }
  }
  return csvDocument(HEADER, rows);
}
