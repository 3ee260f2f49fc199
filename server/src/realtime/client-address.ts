// The client's address behind the proxies we trust (the same TRUST_PROXY rule as express),
// and its salted hash: bans and per-address limits use it; the address itself is never stored.
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { Config } from '../config.ts';

type Trust = (address: string, hop: number) => boolean;

export function compileTrust(value: Config['TRUST_PROXY']): Trust {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyaddr.compile(value);
}

export const clientAddress = (req: IncomingMessage, trust: Trust): string =>
  proxyaddr(req as Parameters<typeof proxyaddr>[0], trust);

export const hashAddress = (address: string, secret: string): string =>
  createHmac('sha256', secret).update(`address:${address}`).digest('base64url').slice(0, 27);
