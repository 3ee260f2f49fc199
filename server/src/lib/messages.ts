// Validation messages people can read, in Czech and English, for the issues forms produce.
// Anything else falls back to zod's own locale messages.
import { z } from 'zod';
import type { Locale } from './validation.ts';

const plural = new Intl.PluralRules('cs');
const czechCount = (n: number, one: string, few: string, many: string) => {
  const form = plural.select(n);
  return `${n} ${form === 'one' ? one : form === 'few' ? few : many}`;
};
const englishCount = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Keys a schema can use as its message; translated here. */
export const MESSAGE_KEYS = {
  datetime_local: { cs: 'Zadejte datum a čas', en: 'Enter a date and time' },
  date: { cs: 'Zadejte datum', en: 'Enter a date' },
  poll_too_few_options: { cs: 'Zadejte aspoň dvě možnosti', en: 'Enter at least two options' },
  poll_no_options: {
    cs: 'Tento druh ankety nemá možnosti',
    en: 'This kind of poll has no options',
  },
  poll_options_differ: { cs: 'Možnosti se musí lišit', en: 'The options must differ' },
  poll_max_only_multiple: {
    cs: 'Počet voleb má jen anketa s více možnostmi',
    en: 'Only a multiple-choice poll has a maximum',
  },
  poll_max_too_big: {
    cs: 'Voleb nemůže být víc než možností',
    en: 'There cannot be more choices than options',
  },
  poll_scale: { cs: 'Hodnocení potřebuje stupnici', en: 'A rating poll needs a scale' },
} as const;
export type MessageKey = keyof typeof MESSAGE_KEYS;

type Issue = z.core.$ZodRawIssue;

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }, locale: Locale) {
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const small = issue.code === 'too_small';
  switch (issue.origin) {
    case 'string':
      if (small && limit <= 1)
        return locale === 'cs' ? 'Toto pole je povinné' : 'This field is required';
      return locale === 'cs'
        ? `${small ? 'Zadejte alespoň' : 'Zadejte nejvýše'} ${czechCount(limit, 'znak', 'znaky', 'znaků')}`
        : `${small ? 'Enter at least' : 'Enter at most'} ${englishCount(limit, 'character')}`;
    case 'number':
    case 'int':
      return locale === 'cs'
        ? `${small ? 'Nejmenší' : 'Největší'} povolená hodnota je ${limit}`
        : `${small ? 'The smallest' : 'The largest'} allowed value is ${limit}`;
    case 'array':
    case 'set':
      return locale === 'cs'
        ? `${small ? 'Vyberte alespoň' : 'Nejvýše'} ${czechCount(limit, 'položka', 'položky', 'položek')}`
        : `${small ? 'Choose at least' : 'At most'} ${englishCount(limit, 'item')}`;
    default:
      return undefined;
  }
}

function readable(issue: Issue, locale: Locale): string | undefined {
  const cs = locale === 'cs';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null)
        return cs ? 'Toto pole je povinné' : 'This field is required';
      return cs ? 'Neplatná hodnota' : 'Invalid value';
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue, locale);
    case 'invalid_format':
      if (issue.format === 'email')
        return cs ? 'Zadejte platný e-mail' : 'Enter a valid e-mail address';
      if (issue.format === 'uuid') return cs ? 'Neplatný odkaz' : 'Invalid reference';
      return undefined;
    case 'invalid_value':
    case 'invalid_union':
      return cs ? 'Vyberte jednu z nabízených možností' : 'Choose one of the options';
    default:
      return undefined;
  }
}

export function errorMapFor(locale: Locale): z.core.$ZodErrorMap {
  const fallback = locale === 'cs' ? z.locales.cs().localeError : z.locales.en().localeError;
  return (issue) => readable(issue, locale) ?? fallback(issue);
}

/** A schema message that is one of our keys becomes its text in `locale`. */
export function translateKey(message: string, locale: Locale): string {
  return message in MESSAGE_KEYS ? MESSAGE_KEYS[message as MessageKey][locale] : message;
}
