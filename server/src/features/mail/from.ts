// Who the town's e-mail comes from: MAIL_FROM, or the town's name at noreply@ its public host.
import type { Config } from '../../config.ts';

export interface MailFrom {
  name: string;
  address: string;
  /** The address's domain: the right-hand side of every Message-ID. */
  domain: string;
}

/** `Name <address>`, `"Name" <address>` or a bare address (named after the town). */
export function mailFrom(config: Pick<Config, 'MAIL_FROM' | 'TOWN_NAME' | 'PUBLIC_URL'>): MailFrom {
  const configured = config.MAIL_FROM?.trim();
  const named = configured?.match(/^(.*)<([^<>]+)>$/);
  const name = named ? unquote(named[1]!.trim()) || config.TOWN_NAME : config.TOWN_NAME;
  const address = named ? named[2]!.trim() : configured || `noreply@${defaultHost(config)}`;
  return { name, address, domain: address.slice(address.lastIndexOf('@') + 1).toLowerCase() };
}

const unquote = (name: string) => name.replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1');

/** PUBLIC_URL's host when it is a domain name; a relay refuses `localhost`, which the
 * sender's start-up line points out. */
function defaultHost(config: Pick<Config, 'PUBLIC_URL'>): string {
  const host = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).hostname : '';
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(host) ? host.toLowerCase() : 'localhost';
}
