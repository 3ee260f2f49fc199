import { z } from 'zod';

/** Query strings repeat or omit values; an empty field means "any". */
export const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());
