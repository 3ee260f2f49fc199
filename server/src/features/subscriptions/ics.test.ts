import { describe, expect, it } from 'vitest';
import { sessionInvite } from './ics.ts';

const session = {
  id: '0192f4a0-0000-7000-8000-000000000001',
  title: 'Veřejné projednání: rekonstrukce náměstí, etapa 2; chodníky a parkování u nádraží',
  description: 'Představení studie; dotazy občanů, připomínky',
  locality: 'Sokolovna, Husova 12, Lhota',
  scheduledStart: new Date('2026-12-07T16:00:00Z'),
  scheduledEnd: new Date('2026-12-07T17:30:00Z'),
};
const options = {
  url: 'https://namesti.lhota.cz/sessions/0192f4a0-0000-7000-8000-000000000001',
  host: 'namesti.lhota.cz',
  stamp: new Date('2026-12-06T16:00:00Z'),
  townName: 'Město Lhota',
};

/** The content lines, folded lines joined again (RFC 5545 §3.1). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('sessionInvite', () => {
  const ics = sessionInvite(session, options);
  const lines = unfold(ics);
  const value = (name: string) =>
    lines.find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));

  it('is one published VEVENT with CRLF line ends', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('has the UID of the site feed, and times in UTC', () => {
    expect(value('UID')).toBe(`UID:${session.id}@namesti.lhota.cz`);
    expect(value('DTSTAMP')).toBe('DTSTAMP:20261206T160000Z');
    expect(value('DTSTART')).toBe('DTSTART:20261207T160000Z');
    expect(value('DTEND')).toBe('DTEND:20261207T173000Z');
  });

  it('escapes commas and semicolons, and keeps the link', () => {
    expect(value('SUMMARY')).toBe(
      'SUMMARY:Veřejné projednání: rekonstrukce náměstí\\, etapa 2\\; chodníky a parkování u nádraží',
    );
    expect(value('LOCATION')).toBe('LOCATION:Sokolovna\\, Husova 12\\, Lhota');
    expect(value('URL')).toContain(options.url);
    expect(value('DESCRIPTION')).toContain('dotazy občanů\\, připomínky\\n\\nhttps://');
  });

  it('folds lines longer than 75 octets, never inside a character', () => {
    const raw = ics.split('\r\n');
    for (const line of raw) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(raw.some((line) => line.startsWith(' '))).toBe(true);
    expect(ics).not.toContain('\uFFFD');
  });

  it('leaves out an empty place', () => {
    expect(unfold(sessionInvite({ ...session, locality: '' }, options)).join('\n')).not.toContain(
      'LOCATION',
    );
  });
});
