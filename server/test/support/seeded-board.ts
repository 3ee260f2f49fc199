// A board seeded like the benchmark's (bench/board-seed.ts, at a test's size) on a throwaway
// database of either engine: its own PostgreSQL database, or PGlite in a temp folder. The
// board's SQL reads must agree with what they replaced on both.
import { inject } from 'vitest';
import { pgliteDatabase, postgresDatabase, type Engine } from '../../bench/bench-db.ts';
import { seedBoard, type SeededBoard } from '../../bench/board-seed.ts';
import type { Database } from '../../src/db/database.ts';

export interface SeededEngine {
  db: Database;
  seeded: SeededBoard;
  close(): Promise<void>;
}

export async function openSeededBoard(engine: Engine, questions: number): Promise<SeededEngine> {
  const label = `test_${inject('runId')}`;
  const database =
    engine === 'postgres'
      ? await postgresDatabase(inject('adminDatabaseUrl'), label)
      : await pgliteDatabase(label);
  try {
    await (await database.open()).close(); // migrations
    const raw = await database.raw();
    let seeded: SeededBoard;
    try {
      seeded = await seedBoard(raw, {
        questions,
        participants: Math.ceil(questions / 3),
        subscribers: 10,
      });
    } finally {
      await raw.close();
    }
    const db = await database.open();
    return {
      db,
      seeded,
      async close() {
        await db.close();
        await database.destroy();
      },
    };
  } catch (err) {
    await database.destroy();
    throw err;
  }
}
