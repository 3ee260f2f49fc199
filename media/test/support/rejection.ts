// The TranscriptionError a promise rejects with; fails the test if it resolves or throws
// anything else.
import { expect } from 'vitest';
import { TranscriptionError } from '../../src/transcribe/index.ts';

export async function rejection(promise: Promise<unknown>): Promise<TranscriptionError> {
  const error: unknown = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(TranscriptionError);
  return error as TranscriptionError;
}
