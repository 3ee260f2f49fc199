import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error.ts';
import { issuesToDetails, parseInput } from './validation.ts';

const schema = z.object({
  title: z.string().trim().min(3),
  count: z.int(),
  agenda: z.array(z.object({ title: z.string().min(2) })),
  note: z.string().default('none'),
});

const bad = { title: 'x', count: 'many', agenda: [{ title: 'fine' }, { title: 'y' }] };

/** The AppError that parseInput throws for `input`, or fails the test. */
function failure(input: unknown, locale?: 'cs' | 'en'): AppError {
  try {
    parseInput(schema, input, locale);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('parseInput accepted invalid input');
}

describe('parseInput', () => {
  it('returns the parsed value, with trimming and defaults applied', () => {
    const value = parseInput(schema, { title: '  Rozpočet  ', count: 2, agenda: [] });
    expect(value).toEqual({ title: 'Rozpočet', count: 2, agenda: [], note: 'none' });
  });

  it('throws validation_failed with one entry per field path, nested paths dotted', () => {
    const err = failure(bad);
    expect(err.code).toBe('validation_failed');
    expect(Object.keys(err.details ?? {}).sort()).toEqual(['agenda.1.title', 'count', 'title']);
    expect(err.details?.['agenda.0.title']).toBeUndefined();
  });

  it('speaks Czech by default', () => {
    const err = failure(bad);
    expect(err.message).toBe('Neplatné údaje');
    expect(err.details?.title).toEqual(['Zadejte alespoň 3 znaky']);
    expect(err.details?.count).toEqual(['Neplatná hodnota']);
    expect(failure(bad, 'cs').details).toEqual(err.details);
  });

  it('speaks English when asked', () => {
    const err = failure(bad, 'en');
    expect(err.message).toBe('Invalid input');
    expect(err.details?.title).toEqual(['Enter at least 3 characters']);
    expect(err.details?.count).toEqual(['Invalid value']);
    expect(err.details?.['agenda.1.title']).toEqual(['Enter at least 2 characters']);
  });

  it('keys a problem with the whole input as "_"', () => {
    const err = failure('not an object', 'en');
    expect(Object.keys(err.details ?? {})).toEqual(['_']);
    expect(err.details?._).toEqual(['Invalid value']);
  });

  it('says a missing field is required, with Czech plurals, and translates message keys', () => {
    const form = z.object({
      name: z.string().min(5),
      when: z.string().regex(/^\d{4}$/, 'datetime_local'),
      tags: z.array(z.string()).min(2),
    });
    const cs = (() => {
      try {
        parseInput(form, { when: 'x', tags: [] });
      } catch (err) {
        return (err as AppError).details;
      }
    })();
    expect(cs).toEqual({
      name: ['Toto pole je povinné'],
      when: ['Zadejte datum a čas'],
      tags: ['Vyberte alespoň 2 položky'],
    });
  });
});

describe('issuesToDetails', () => {
  it('collects several messages for the same path', () => {
    const result = z.object({ code: z.string().min(5).regex(/^\d+$/) }).safeParse({ code: 'ab' });
    expect(result.success).toBe(false);
    const details = issuesToDetails(result.error!.issues);
    expect(Object.keys(details)).toEqual(['code']);
    expect(details.code).toHaveLength(2);
  });
});
