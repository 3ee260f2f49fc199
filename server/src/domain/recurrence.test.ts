import { describe, it, expect } from 'vitest';
import {
  describeRecurrence,
  expandRecurrence,
  recurrenceRuleSchema,
  type RecurrenceRuleInput,
} from './recurrence.ts';
import { isValidTimeZone, utcToZonedParts, zonedWallTimeToUtc } from './time-zone.ts';

const PRAGUE = 'Europe/Prague';

const rule = (input: RecurrenceRuleInput) => recurrenceRuleSchema.parse(input);
const utc = (iso: string) => new Date(iso);
const isoStarts = (occurrences: Array<{ start: Date }>) =>
  occurrences.map((o) => o.start.toISOString());

const firstMondayAt17Input = {
  frequency: 'monthly_nth_weekday',
  nth: 1,
  weekday: 1,
  time: '17:00',
  durationMinutes: 90,
  startsOn: '2026-01-01',
} as const satisfies RecurrenceRuleInput;
const firstMondayAt17 = rule(firstMondayAt17Input);

describe('time-zone', () => {
  it('converts wall time to UTC in winter (CET) and summer (CEST)', () => {
    const wall = { year: 2026, month: 1, day: 5, hour: 17, minute: 0 };
    expect(zonedWallTimeToUtc(wall, PRAGUE).toISOString()).toBe('2026-01-05T16:00:00.000Z');
    const summer = { ...wall, month: 7, day: 6 };
    expect(zonedWallTimeToUtc(summer, PRAGUE).toISOString()).toBe('2026-07-06T15:00:00.000Z');
  });

  it('shifts a non-existent local time forward by the gap (spring forward)', () => {
    const gap = zonedWallTimeToUtc({ year: 2027, month: 3, day: 28, hour: 2, minute: 30 }, PRAGUE);
    expect(gap.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(utcToZonedParts(gap, PRAGUE)).toMatchObject({ hour: 3, minute: 30 });
  });

  it('picks the earlier instant for an ambiguous local time (fall back)', () => {
    const wall = { year: 2026, month: 10, day: 25, hour: 2, minute: 30 };
    expect(zonedWallTimeToUtc(wall, PRAGUE).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // Both instants really show 02:30 in Prague.
    for (const iso of ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']) {
      expect(utcToZonedParts(utc(iso), PRAGUE)).toMatchObject({ hour: 2, minute: 30 });
    }
  });

  it('handles other zones, including half-hour DST (Lord Howe) and New York', () => {
    const ny = zonedWallTimeToUtc(
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
      'America/New_York',
    );
    expect(ny.toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    const nyFall = zonedWallTimeToUtc(
      { year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
      'America/New_York',
    );
    expect(nyFall.toISOString()).toBe('2026-11-01T05:30:00.000Z'); // first 01:30, EDT
    const lordHowe = zonedWallTimeToUtc(
      { year: 2026, month: 10, day: 4, hour: 2, minute: 15 },
      'Australia/Lord_Howe',
    );
    expect(utcToZonedParts(lordHowe, 'Australia/Lord_Howe')).toMatchObject({ hour: 2, minute: 45 });
  });

  it('reports local parts with an ISO weekday', () => {
    expect(utcToZonedParts(utc('2026-10-25T23:30:00Z'), PRAGUE)).toEqual({
      year: 2026,
      month: 10,
      day: 26,
      hour: 0,
      minute: 30,
      weekday: 1,
    });
    expect(utcToZonedParts(utc('2026-03-01T12:00:00Z'), 'UTC').weekday).toBe(7);
  });

  it('round-trips every hour of a DST year', () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000) {
      const parts = utcToZonedParts(new Date(ms), PRAGUE);
      const back = zonedWallTimeToUtc(parts, PRAGUE).getTime();
      // Only the repeated hour of the fall-back night maps to the earlier instant.
      expect(back === ms || back === ms - 3_600_000).toBe(true);
    }
  });

  it('validates zone names', () => {
    expect(isValidTimeZone('Europe/Prague')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Base')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('recurrenceRuleSchema', () => {
  const weekly = {
    frequency: 'weekly',
    weekday: 2,
    time: '18:00',
    durationMinutes: 60,
    startsOn: '2026-03-03',
  } as const;

  it('applies defaults for interval and timeZone', () => {
    expect(rule(weekly)).toEqual({ ...weekly, interval: 1, timeZone: PRAGUE });
  });

  it('accepts until equal to startsOn', () => {
    expect(recurrenceRuleSchema.safeParse({ ...weekly, until: '2026-03-03' }).success).toBe(true);
  });

  it.each([
    ['time 25:00', { ...weekly, time: '25:00' }],
    ['time 24:00', { ...weekly, time: '24:00' }],
    ['time without leading zero', { ...weekly, time: '7:00' }],
    ['time 12:60', { ...weekly, time: '12:60' }],
    ['unknown zone', { ...weekly, timeZone: 'Mars/Base' }],
    ['empty zone', { ...weekly, timeZone: '' }],
    ['weekday 0', { ...weekly, weekday: 0 }],
    ['weekday 8', { ...weekly, weekday: 8 }],
    ['fractional weekday', { ...weekly, weekday: 1.5 }],
    ['interval 0', { ...weekly, interval: 0 }],
    ['interval 5', { ...weekly, interval: 5 }],
    ['duration 4', { ...weekly, durationMinutes: 4 }],
    ['duration 721', { ...weekly, durationMinutes: 721 }],
    ['impossible date', { ...weekly, startsOn: '2026-02-30' }],
    ['wrong date format', { ...weekly, startsOn: '3.3.2026' }],
    ['unknown frequency', { ...weekly, frequency: 'daily' }],
    ['nth 5', { ...weekly, frequency: 'monthly_nth_weekday', nth: 5 }],
    ['nth 0', { ...weekly, frequency: 'monthly_nth_weekday', nth: 0 }],
    ['nth -2', { ...weekly, frequency: 'monthly_nth_weekday', nth: -2 }],
    ['monthly without nth', { ...weekly, frequency: 'monthly_nth_weekday' }],
  ])('rejects %s', (_label, input) => {
    expect(recurrenceRuleSchema.safeParse(input).success).toBe(false);
  });

  it('rejects until before startsOn with an error on until', () => {
    const result = recurrenceRuleSchema.safeParse({ ...weekly, until: '2026-03-02' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['until'], message: 'until must not be before startsOn' }),
    ]);
  });
});

describe('expandRecurrence', () => {
  it('gives 12 first Mondays at 17:00 local over a year, across DST', () => {
    const occurrences = expandRecurrence(firstMondayAt17, {
      from: utc('2026-01-01T00:00:00Z'),
      to: utc('2027-01-01T00:00:00Z'),
    });
    expect(isoStarts(occurrences)).toEqual([
      '2026-01-05T16:00:00.000Z',
      '2026-02-02T16:00:00.000Z',
      '2026-03-02T16:00:00.000Z',
      '2026-04-06T15:00:00.000Z',
      '2026-05-04T15:00:00.000Z',
      '2026-06-01T15:00:00.000Z',
      '2026-07-06T15:00:00.000Z',
      '2026-08-03T15:00:00.000Z',
      '2026-09-07T15:00:00.000Z',
      '2026-10-05T15:00:00.000Z',
      '2026-11-02T16:00:00.000Z',
      '2026-12-07T16:00:00.000Z',
    ]);
    for (const { start, end } of occurrences) {
      const local = utcToZonedParts(start, PRAGUE);
      expect(local.weekday).toBe(1);
      expect(local.day).toBeGreaterThanOrEqual(1);
      expect(local.day).toBeLessThanOrEqual(7);
      expect(local.hour).toBe(17);
      expect(local.minute).toBe(0);
      expect(end.getTime() - start.getTime()).toBe(90 * 60_000);
    }
  });

  it('keeps local wall time in a zone other than the default', () => {
    const nyRule = rule({
      frequency: 'weekly',
      weekday: 4,
      time: '19:00',
      durationMinutes: 60,
      timeZone: 'America/New_York',
      startsOn: '2026-03-01',
    });
    const starts = isoStarts(
      expandRecurrence(nyRule, {
        from: utc('2026-03-01T00:00:00Z'),
        to: utc('2026-03-20T00:00:00Z'),
      }),
    );
    // US DST starts 2026-03-08: EST (-5) then EDT (-4).
    expect(starts).toEqual([
      '2026-03-06T00:00:00.000Z',
      '2026-03-12T23:00:00.000Z',
      '2026-03-19T23:00:00.000Z',
    ]);
  });

  describe('on DST-change days', () => {
    const sundayAt0230 = rule({
      frequency: 'weekly',
      weekday: 7,
      time: '02:30',
      durationMinutes: 60,
      startsOn: '2026-01-01',
    });

    it('moves a start in the spring-forward gap to 03:30 local', () => {
      const occurrences = expandRecurrence(sundayAt0230, {
        from: utc('2027-03-21T00:00:00Z'),
        to: utc('2027-04-05T00:00:00Z'),
      });
      expect(isoStarts(occurrences)).toEqual([
        '2027-03-21T01:30:00.000Z', // 02:30 CET
        '2027-03-28T01:30:00.000Z', // 03:30 CEST (02:30 does not exist)
        '2027-04-04T00:30:00.000Z', // 02:30 CEST
      ]);
      expect(utcToZonedParts(occurrences[1]!.start, PRAGUE)).toMatchObject({
        day: 28,
        hour: 3,
        minute: 30,
      });
    });

    it('uses the first 02:30 on the fall-back night, once', () => {
      const occurrences = expandRecurrence(sundayAt0230, {
        from: utc('2026-10-18T00:00:00Z'),
        to: utc('2026-11-02T00:00:00Z'),
      });
      expect(isoStarts(occurrences)).toEqual([
        '2026-10-18T00:30:00.000Z', // 02:30 CEST
        '2026-10-25T00:30:00.000Z', // first 02:30, still CEST
        '2026-11-01T01:30:00.000Z', // 02:30 CET
      ]);
      expect(occurrences[1]!.end.toISOString()).toBe('2026-10-25T01:30:00.000Z');
    });
  });

  describe('monthly nth weekday', () => {
    const mondays = (nth: 1 | 2 | 3 | 4 | -1) =>
      rule({ ...firstMondayAt17Input, nth, startsOn: '2026-06-01' });
    const june2026 = { from: utc('2026-06-01T00:00:00Z'), to: utc('2026-07-01T00:00:00Z') };

    it('distinguishes the fourth from the last Monday in a month with five Mondays', () => {
      // June 2026 has Mondays on the 1st, 8th, 15th, 22nd and 29th.
      expect(isoStarts(expandRecurrence(mondays(4), june2026))).toEqual([
        '2026-06-22T15:00:00.000Z',
      ]);
      expect(isoStarts(expandRecurrence(mondays(-1), june2026))).toEqual([
        '2026-06-29T15:00:00.000Z',
      ]);
    });

    it.each([
      [1, 1],
      [2, 8],
      [3, 15],
      [4, 22],
      [-1, 29],
    ] as const)('nth %i Monday of June 2026 is the %i.', (nth, day) => {
      const [occurrence] = expandRecurrence(mondays(nth), june2026);
      expect(utcToZonedParts(occurrence!.start, PRAGUE).day).toBe(day);
    });

    it('finds the last weekday when it is the last day of the month', () => {
      // 2026-08-31 is a Monday.
      const window = { from: utc('2026-08-01T00:00:00Z'), to: utc('2026-09-01T00:00:00Z') };
      expect(isoStarts(expandRecurrence(mondays(-1), window))).toEqual([
        '2026-08-31T15:00:00.000Z',
      ]);
    });

    it('gives the last Friday of every month', () => {
      const lastFriday = rule({
        frequency: 'monthly_nth_weekday',
        nth: -1,
        weekday: 5,
        time: '10:00',
        durationMinutes: 60,
        startsOn: '2026-01-01',
      });
      const occurrences = expandRecurrence(lastFriday, {
        from: utc('2026-01-01T00:00:00Z'),
        to: utc('2027-01-01T00:00:00Z'),
      });
      const days = occurrences.map((o) => utcToZonedParts(o.start, PRAGUE).day);
      expect(days).toEqual([30, 27, 27, 24, 29, 26, 31, 28, 25, 30, 27, 25]);
    });
  });

  describe('bounds', () => {
    const tuesdays = (time: string, until?: string) =>
      rule({
        frequency: 'weekly',
        weekday: 2,
        time,
        durationMinutes: 60,
        startsOn: '2026-03-03',
        until,
      });
    const wide = { from: utc('2025-01-01T00:00:00Z'), to: utc('2028-01-01T00:00:00Z') };

    it('never starts before startsOn and includes the until day', () => {
      const starts = isoStarts(expandRecurrence(tuesdays('18:00', '2026-03-31'), wide));
      expect(starts).toEqual([
        '2026-03-03T17:00:00.000Z',
        '2026-03-10T17:00:00.000Z',
        '2026-03-17T17:00:00.000Z',
        '2026-03-24T17:00:00.000Z',
        '2026-03-31T16:00:00.000Z',
      ]);
    });

    it('stops at the day before until when until is not an occurrence day', () => {
      const starts = isoStarts(expandRecurrence(tuesdays('18:00', '2026-03-30'), wide));
      expect(starts.at(-1)).toBe('2026-03-24T17:00:00.000Z');
    });

    it('skips the weekday when startsOn falls after it in the week', () => {
      const fromWednesday = rule({ ...tuesdays('18:00'), startsOn: '2026-03-04' });
      const [first] = expandRecurrence(fromWednesday, wide);
      expect(first!.start.toISOString()).toBe('2026-03-10T17:00:00.000Z');
    });

    it('reads startsOn and until as local days, not UTC days', () => {
      // 23:30 on Tuesday in Prague is still Tuesday locally but 21:30/22:30 UTC.
      const late = expandRecurrence(tuesdays('23:30', '2026-03-31'), wide);
      expect(late.at(-1)!.start.toISOString()).toBe('2026-03-31T21:30:00.000Z');
      // 00:30 on Wednesday 2026-03-04 in Prague is 23:30 UTC on the 3rd.
      const early = rule({
        frequency: 'weekly',
        weekday: 3,
        time: '00:30',
        durationMinutes: 60,
        startsOn: '2026-03-04',
      });
      expect(expandRecurrence(early, wide)[0]!.start.toISOString()).toBe(
        '2026-03-03T23:30:00.000Z',
      );
    });

    it('treats the window as [from, to)', () => {
      const occurrences = expandRecurrence(tuesdays('18:00'), {
        from: utc('2026-03-10T17:00:00Z'),
        to: utc('2026-03-24T17:00:00Z'),
      });
      expect(isoStarts(occurrences)).toEqual([
        '2026-03-10T17:00:00.000Z',
        '2026-03-17T17:00:00.000Z',
      ]);
    });

    it('returns nothing for an empty or inverted window', () => {
      const at = utc('2026-03-10T17:00:00Z');
      expect(expandRecurrence(tuesdays('18:00'), { from: at, to: at })).toEqual([]);
      expect(
        expandRecurrence(tuesdays('18:00'), { from: at, to: utc('2026-03-01T00:00:00Z') }),
      ).toEqual([]);
    });

    it('returns nothing for a window entirely before startsOn or after until', () => {
      const before = { from: utc('2026-01-01T00:00:00Z'), to: utc('2026-03-03T00:00:00Z') };
      expect(expandRecurrence(tuesdays('18:00'), before)).toEqual([]);
      const after = { from: utc('2026-04-01T00:00:00Z'), to: utc('2026-05-01T00:00:00Z') };
      expect(expandRecurrence(tuesdays('18:00', '2026-03-31'), after)).toEqual([]);
    });

    it('rejects invalid dates', () => {
      expect(() =>
        expandRecurrence(tuesdays('18:00'), { from: new Date(Number.NaN), to: wide.to }),
      ).toThrow(RangeError);
    });
  });

  describe('weekly interval', () => {
    // startsOn is a Wednesday; its week starts Monday 2026-01-05, whose Monday is already past.
    const everyOtherMondayInput = {
      frequency: 'weekly',
      interval: 2,
      weekday: 1,
      time: '17:00',
      durationMinutes: 60,
      startsOn: '2026-01-07',
    } as const satisfies RecurrenceRuleInput;
    const everyOtherMonday = rule(everyOtherMondayInput);

    it('counts weeks from the week of startsOn', () => {
      const occurrences = expandRecurrence(everyOtherMonday, {
        from: utc('2026-01-01T00:00:00Z'),
        to: utc('2026-03-10T00:00:00Z'),
      });
      expect(occurrences.map((o) => utcToZonedParts(o.start, PRAGUE).day)).toEqual([19, 2, 16, 2]);
    });

    it('keeps the cycle when the window starts in an off week', () => {
      const occurrences = expandRecurrence(everyOtherMonday, {
        from: utc('2026-07-13T00:00:00Z'),
        to: utc('2026-08-01T00:00:00Z'),
      });
      expect(isoStarts(occurrences)).toEqual(['2026-07-20T15:00:00.000Z']);
    });

    it('supports interval 4', () => {
      const everyFourth = rule({ ...everyOtherMondayInput, interval: 4, startsOn: '2026-01-05' });
      const occurrences = expandRecurrence(everyFourth, {
        from: utc('2026-01-01T00:00:00Z'),
        to: utc('2026-04-01T00:00:00Z'),
      });
      expect(occurrences.map((o) => o.start.toISOString().slice(0, 10))).toEqual([
        '2026-01-05',
        '2026-02-02',
        '2026-03-02',
        '2026-03-30',
      ]);
    });
  });

  describe('limit', () => {
    const weeklyForever = rule({
      frequency: 'weekly',
      weekday: 5,
      time: '12:00',
      durationMinutes: 30,
      startsOn: '2026-01-01',
    });
    const tenYears = { from: utc('2026-01-01T00:00:00Z'), to: utc('2036-01-01T00:00:00Z') };

    it('defaults to 100 occurrences', () => {
      expect(expandRecurrence(weeklyForever, tenYears)).toHaveLength(100);
    });

    it('returns the earliest occurrences up to the limit', () => {
      const occurrences = expandRecurrence(weeklyForever, { ...tenYears, limit: 3 });
      expect(isoStarts(occurrences)).toEqual([
        '2026-01-02T11:00:00.000Z',
        '2026-01-09T11:00:00.000Z',
        '2026-01-16T11:00:00.000Z',
      ]);
    });

    it('returns nothing for limit 0', () => {
      expect(expandRecurrence(weeklyForever, { ...tenYears, limit: 0 })).toEqual([]);
    });

    it('returns a sorted list', () => {
      const starts = expandRecurrence(weeklyForever, { ...tenYears, limit: 520 }).map((o) =>
        o.start.getTime(),
      );
      expect(starts).toHaveLength(520);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });
  });
});

describe('describeRecurrence', () => {
  const weekly = (weekday: number, time = '18:00', interval = 1) =>
    rule({
      frequency: 'weekly',
      weekday,
      time,
      interval,
      durationMinutes: 60,
      startsOn: '2026-01-01',
    });
  const monthly = (nth: 1 | 2 | 3 | 4 | -1, weekday: number, time = '17:00') =>
    rule({
      frequency: 'monthly_nth_weekday',
      nth,
      weekday,
      time,
      durationMinutes: 60,
      startsOn: '2026-01-01',
    });

  it('describes the first Monday of the month', () => {
    expect(describeRecurrence(firstMondayAt17, 'cs')).toBe('každé první pondělí v měsíci v 17:00');
    expect(describeRecurrence(firstMondayAt17, 'en')).toBe(
      'every first Monday of the month at 17:00',
    );
  });

  it('describes weekly rules', () => {
    expect(describeRecurrence(weekly(2), 'cs')).toBe('každý týden v úterý v 18:00');
    expect(describeRecurrence(weekly(2), 'en')).toBe('every week on Tuesday at 18:00');
    expect(describeRecurrence(weekly(3, '18:00', 2), 'cs')).toBe('každé 2 týdny ve středu v 18:00');
    expect(describeRecurrence(weekly(3, '18:00', 2), 'en')).toBe(
      'every 2 weeks on Wednesday at 18:00',
    );
    expect(describeRecurrence(weekly(6, '10:00', 4), 'cs')).toBe('každé 4 týdny v sobotu v 10:00');
  });

  it('describes the last weekday of the month', () => {
    expect(describeRecurrence(monthly(-1, 5, '16:30'), 'cs')).toBe(
      'každý poslední pátek v měsíci v 16:30',
    );
    expect(describeRecurrence(monthly(-1, 5, '16:30'), 'en')).toBe(
      'every last Friday of the month at 16:30',
    );
  });

  it.each([
    [1, 'v pondělí', 'Monday'],
    [2, 'v úterý', 'Tuesday'],
    [3, 've středu', 'Wednesday'],
    [4, 've čtvrtek', 'Thursday'],
    [5, 'v pátek', 'Friday'],
    [6, 'v sobotu', 'Saturday'],
    [7, 'v neděli', 'Sunday'],
  ])('weekly on weekday %i: "%s" / "%s"', (weekday, cs, en) => {
    expect(describeRecurrence(weekly(weekday), 'cs')).toBe(`každý týden ${cs} v 18:00`);
    expect(describeRecurrence(weekly(weekday), 'en')).toBe(`every week on ${en} at 18:00`);
  });

  // Gender agreement: pondělí/úterý neuter, středa/sobota/neděle feminine, čtvrtek/pátek masculine.
  it.each([
    [1, 1, 'každé první pondělí'],
    [2, 1, 'každé druhé pondělí'],
    [3, 2, 'každé třetí úterý'],
    [4, 2, 'každé čtvrté úterý'],
    [-1, 1, 'každé poslední pondělí'],
    [1, 3, 'každou první středu'],
    [2, 3, 'každou druhou středu'],
    [3, 6, 'každou třetí sobotu'],
    [4, 6, 'každou čtvrtou sobotu'],
    [2, 7, 'každou druhou neděli'],
    [-1, 7, 'každou poslední neděli'],
    [1, 4, 'každý první čtvrtek'],
    [2, 4, 'každý druhý čtvrtek'],
    [3, 5, 'každý třetí pátek'],
    [4, 5, 'každý čtvrtý pátek'],
    [-1, 4, 'každý poslední čtvrtek'],
  ] as const)('nth %i of weekday %i in Czech: "%s"', (nth, weekday, phrase) => {
    expect(describeRecurrence(monthly(nth, weekday), 'cs')).toBe(`${phrase} v měsíci v 17:00`);
  });

  it.each([
    [1, 'first'],
    [2, 'second'],
    [3, 'third'],
    [4, 'fourth'],
    [-1, 'last'],
  ] as const)('nth %i in English: "%s"', (nth, ordinal) => {
    expect(describeRecurrence(monthly(nth, 3), 'en')).toBe(
      `every ${ordinal} Wednesday of the month at 17:00`,
    );
  });

  it('writes Czech times without a leading zero and with "ve" where spoken so', () => {
    expect(describeRecurrence(weekly(1, '09:30'), 'cs')).toBe('každý týden v pondělí v 9:30');
    expect(describeRecurrence(weekly(1, '20:00'), 'cs')).toBe('každý týden v pondělí ve 20:00');
    expect(describeRecurrence(weekly(1, '14:15'), 'cs')).toBe('každý týden v pondělí ve 14:15');
    expect(describeRecurrence(weekly(1, '09:30'), 'en')).toBe('every week on Monday at 09:30');
  });
});
