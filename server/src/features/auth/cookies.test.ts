import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  cookieOptions,
  newParticipantId,
  readCookies,
  serializeCookie,
  signParticipant,
  verifyParticipant,
} from './cookies.ts';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';

describe('participant cookie signing', () => {
  it('round-trips a new participant id', () => {
    const id = newParticipantId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const value = signParticipant(id, SECRET);
    expect(value.startsWith(`${id}.`)).toBe(true);
    expect(verifyParticipant(value, SECRET)).toBe(id);
  });

  it('signs deterministically and differently per id and per secret', () => {
    const id = randomUUID();
    expect(signParticipant(id, SECRET)).toBe(signParticipant(id, SECRET));
    expect(signParticipant(id, SECRET)).not.toBe(signParticipant(randomUUID(), SECRET));
    expect(signParticipant(id, SECRET)).not.toBe(signParticipant(id, `${SECRET}x`));
  });

  it('rejects a tampered signature', () => {
    const id = randomUUID();
    const value = signParticipant(id, SECRET);
    const last = value.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyParticipant(value.slice(0, -1) + last, SECRET)).toBeNull();
    expect(verifyParticipant(value.slice(0, -1), SECRET)).toBeNull(); // shorter
    expect(verifyParticipant(`${value}A`, SECRET)).toBeNull(); // longer
    expect(verifyParticipant(`${id}.`, SECRET)).toBeNull();
  });

  it('rejects a tampered id that keeps the old signature', () => {
    const id = randomUUID();
    const signature = signParticipant(id, SECRET).split('.')[1];
    const other = randomUUID();
    expect(verifyParticipant(`${other}.${signature}`, SECRET)).toBeNull();
  });

  it('rejects a value signed with another secret', () => {
    const id = randomUUID();
    expect(
      verifyParticipant(signParticipant(id, 'another-secret-0123456789-abcdefghij'), SECRET),
    ).toBeNull();
  });

  it('rejects missing and malformed values', () => {
    expect(verifyParticipant(undefined, SECRET)).toBeNull();
    expect(verifyParticipant('', SECRET)).toBeNull();
    expect(verifyParticipant('no-dot-at-all', SECRET)).toBeNull();
    // A non-uuid id is refused even when correctly signed.
    expect(verifyParticipant(signParticipant('admin', SECRET), SECRET)).toBeNull();
    expect(verifyParticipant(signParticipant('../../etc/passwd', SECRET), SECRET)).toBeNull();
  });
});

describe('cookie helpers', () => {
  it('builds httpOnly, SameSite=Lax options, Secure only when asked', () => {
    expect(cookieOptions(false, 60)).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
      path: '/',
      maxAge: 60,
    });
    expect(cookieOptions(true, 60).secure).toBe(true);
    const header = serializeCookie('namesti_pid', 'abc', cookieOptions(true, 60));
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Secure/);
    expect(header).toMatch(/Max-Age=60/);
  });

  it('parses a Cookie header', () => {
    expect(readCookies(undefined)).toEqual({});
    expect(readCookies('a=1; namesti_pid=x.y; PARAGLIDE_LOCALE=en')).toEqual({
      a: '1',
      namesti_pid: 'x.y',
      PARAGLIDE_LOCALE: 'en',
    });
  });
});
