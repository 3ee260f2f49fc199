// Writes many rows a slice at a time: one INSERT with thousands of rows would pass the
// driver's limit on bound parameters.
const BATCH = 1_000;

export async function inBatches<T>(rows: readonly T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}
