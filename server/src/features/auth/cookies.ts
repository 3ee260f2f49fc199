// Cookie names, signing and options for citizens (anonymous) and staff (logged in).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse, serialize, type SerializeOptions } from 'cookie';
import { uuidv7 } from '../../lib/ids.ts';

export const PARTICIPANT_COOKIE = 'namesti_pid';
export const STAFF_COOKIE = 'namesti_staff';
export const STAFF_TOKEN_TTL_MS = 14 * 24 * 3600 * 1000;

const signature = (id: string, secret: string) =>
  createHmac('sha256', secret).update(`participant:${id}`).digest('base64url').slice(0, 32);

export function signParticipant(id: string, secret: string): string {
  return `${id}.${signature(id, secret)}`;
}

/** The participant id if the cookie value is ours and untampered, else null. */
export function verifyParticipant(value: string | undefined, secret: string): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot < 0) return null;
  const id = value.slice(0, dot);
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(signature(id, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

export const newParticipantId = () => uuidv7();

export function readCookies(header: string | undefined): Record<string, string | undefined> {
  return header ? parse(header) : {};
}

export function cookieOptions(secure: boolean, maxAgeSeconds: number): SerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds };
}

export const serializeCookie = serialize;
