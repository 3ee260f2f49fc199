import { describe, expect, it } from 'vitest';
import { dueReminder, liveNoticeDue, recordingNoticeDue } from './due.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const start = new Date('2026-12-07T16:00:00Z');
const before = (ms: number) => new Date(start.getTime() - ms);
const after = (at: Date, ms: number) => new Date(at.getTime() + ms);

describe('dueReminder', () => {
  it('nothing more than a day ahead', () => {
    expect(dueReminder(start, before(24 * HOUR + MIN))).toBeNull();
    expect(dueReminder(start, before(7 * 24 * HOUR))).toBeNull();
  });

  it('the day-ahead reminder from 24 h until the last hour', () => {
    expect(dueReminder(start, before(24 * HOUR))).toBe('reminder_24h');
    expect(dueReminder(start, before(5 * HOUR))).toBe('reminder_24h');
    expect(dueReminder(start, before(HOUR + 1))).toBe('reminder_24h');
  });

  it('the hour-ahead reminder in the last hour, and nothing once it started', () => {
    expect(dueReminder(start, before(HOUR))).toBe('reminder_1h');
    expect(dueReminder(start, before(1))).toBe('reminder_1h');
    expect(dueReminder(start, start)).toBeNull();
    expect(dueReminder(start, after(start, MIN))).toBeNull();
  });
});

describe('liveNoticeDue', () => {
  it('for the first half hour of a live session only', () => {
    expect(liveNoticeDue(start, start)).toBe(true);
    expect(liveNoticeDue(start, after(start, 29 * MIN))).toBe(true);
    expect(liveNoticeDue(start, after(start, 30 * MIN))).toBe(false);
    expect(liveNoticeDue(start, before(MIN))).toBe(false);
  });
});

describe('recordingNoticeDue', () => {
  const ready = start;
  it('at once without a transcript in the making, or with one finished or failed', () => {
    for (const status of [null, 'ready', 'failed'] as const) {
      expect(recordingNoticeDue(ready, status, after(ready, MIN))).toBe('now');
    }
  });

  it('waits for a transcript being made, at most six hours', () => {
    expect(recordingNoticeDue(ready, 'queued', after(ready, MIN))).toBe('wait');
    expect(recordingNoticeDue(ready, 'running', after(ready, 5 * HOUR))).toBe('wait');
    expect(recordingNoticeDue(ready, 'running', after(ready, 6 * HOUR))).toBe('now');
  });

  it('never for a recording ready days ago', () => {
    expect(recordingNoticeDue(ready, null, after(ready, 4 * 24 * HOUR))).toBe('never');
  });
});
