import { describe, expect, it } from 'vitest';
import { mailFrom } from './from.ts';

const town = { TOWN_NAME: 'Město Lhota', PUBLIC_URL: undefined, MAIL_FROM: undefined };

describe('mailFrom', () => {
  it('takes the name and address of MAIL_FROM, quoted or not', () => {
    expect(mailFrom({ ...town, MAIL_FROM: 'Obec Dolní Lhota <info@Dolni-Lhota.cz>' })).toEqual({
      name: 'Obec Dolní Lhota',
      address: 'info@Dolni-Lhota.cz',
      domain: 'dolni-lhota.cz',
    });
    expect(mailFrom({ ...town, MAIL_FROM: '"Lhota, radnice" <radnice@lhota.cz>' }).name).toBe(
      'Lhota, radnice',
    );
  });

  it('names a bare address after the town', () => {
    expect(mailFrom({ ...town, MAIL_FROM: 'info@lhota.cz' })).toEqual({
      name: 'Město Lhota',
      address: 'info@lhota.cz',
      domain: 'lhota.cz',
    });
    expect(mailFrom({ ...town, MAIL_FROM: '<info@lhota.cz>' }).name).toBe('Město Lhota');
  });

  it('defaults to noreply at the public host, or localhost without a domain name', () => {
    expect(mailFrom({ ...town, PUBLIC_URL: 'https://namesti.lhota.cz/' })).toEqual({
      name: 'Město Lhota',
      address: 'noreply@namesti.lhota.cz',
      domain: 'namesti.lhota.cz',
    });
    expect(mailFrom({ ...town, PUBLIC_URL: 'http://192.168.1.10:3000' }).address).toBe(
      'noreply@localhost',
    );
    expect(mailFrom(town).domain).toBe('localhost');
  });
});
