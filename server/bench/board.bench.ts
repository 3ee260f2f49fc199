// `npm run bench:board [-- --quick] [--db postgres|pglite|both] [--questions N] [--subscribers N]
// [--reps R]`: the question board's reads and the subscriptions' e-mail batches at town scale,
// through the app's own functions, against the same engine's simplest work measured in the
// same run (machines here are shared and noisy: read the ratios).
//  1. A throwaway database (bench-db.ts) migrated by openDatabase(), seeded with SQL
//     (board-seed.ts): default 100k questions, ~260k support votes, 10k subscribers; --quick
//     10k / 2k. PGlite runs at the quick size unless --pglite-questions / --pglite-subscribers.
//  2. Reads, `--reps` rounds after a warm-up, each read once a round, interleaved with the two
//     baselines: SELECT 1 and a question by primary key. p50 / p95 and ×(PK lookup p50).
//  3. E-mail batches, each once, on an empty outbox: a reminder to everyone, a reminder about a
//     part of town, an announcement on a topic; e-mails/s and ×(one INSERT … SELECT of as many
//     outbox rows). Checks (exit 1): every subscriber the audience selects got one e-mail.
// PostgreSQL: --postgres-url (default BENCH_POSTGRES_URL, TEST_POSTGRES_URL or
// postgresql://postgres@127.0.0.1:5432/postgres); it creates and drops its own database.
import os from 'node:os';
import type { Prisma } from '../src/db/database.ts';
import { createBoardDesk } from '../src/features/board/desk.ts';
import { boardOverview, boardQuestion, boardQuestions } from '../src/features/board/public.ts';
import { boardStats } from '../src/features/board/stats.ts';
import { createMail } from '../src/features/mail/index.ts';
import { createAnnouncements } from '../src/features/subscriptions/announcements.ts';
import {
  announcementAudienceWhere,
  sessionAudienceWhere,
} from '../src/features/subscriptions/audience.ts';
import { createLetters } from '../src/features/subscriptions/letters.ts';
import { createSessionNotices } from '../src/features/subscriptions/notices.ts';
import type { Actor } from '../src/features/auth/actor.ts';
import type { Clock } from '../src/lib/clock.ts';
import { logger } from '../src/lib/logger.ts';
import type { BoardQuery } from '../src/protocol/board.ts';
import { withApp, withBenchDatabase, withRaw, type Engine } from './bench-db.ts';
import { seedBoard, type BoardSize, type SeededBoard } from './board-seed.ts';
import { argNumber, argString, fail, runBench, summarize } from './stats.ts';

const QUICK = process.argv.includes('--quick');
const SIZE: BoardSize = {
  questions: argNumber('questions', QUICK ? 10_000 : 100_000),
  participants: 0,
  subscribers: argNumber('subscribers', QUICK ? 2_000 : 10_000),
};
const PGLITE_SIZE: BoardSize = {
  questions: argNumber('pglite-questions', 10_000),
  participants: 0,
  subscribers: argNumber('pglite-subscribers', 2_000),
};
const REPS = argNumber('reps', QUICK ? 10 : 20);
const DB = argString('db', 'both');
const POSTGRES_URL = argString(
  'postgres-url',
  process.env.BENCH_POSTGRES_URL ??
    process.env.TEST_POSTGRES_URL ??
    'postgresql://postgres@127.0.0.1:5432/postgres',
);
const TIME_ZONE = 'Europe/Prague';
const ENGINE_NAME: Record<Engine, string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };

const began = performance.now();
const say = (text: string) =>
  console.log(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${text}`);
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) =>
  Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0);
const ratio = (x: number, base: number) =>
  base > 0 && Number.isFinite(x) ? `×${x / base < 10 ? (x / base).toFixed(1) : n(x / base)}` : '—';
const row = (cells: string[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join(' ');

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

// ---- reads ---------------------------------------------------------------------------------------

interface Read {
  label: string;
  run: () => Promise<unknown>;
}

function reads(prisma: Prisma, seeded: SeededBoard): Read[] {
  const { boardId, topicIds, neighbourhoodIds, departmentIds, readerId } = seeded;
  const reader = { participantId: readerId };
  let sample = 0;
  const list = (label: string, query: BoardQuery): Read => ({
    label,
    run: () => boardQuestions(prisma, boardId, query, reader),
  });
  const now = new Date();
  const admin: Actor = {
    participantId: readerId,
    staff: { id: '00000000-0000-7000-8000-000000000000', role: 'admin', name: 'Bench' },
    locale: 'cs',
  };
  const desk = createBoardDesk({
    prisma,
    boardId,
    moderation: {
      moderateAs: () => Promise.reject(new Error('the bench only reads')),
    },
  });
  return [
    list('list, newest', { sort: 'newest' }),
    list('list, by support', { sort: 'support' }),
    list('list, by support, page 20', { sort: 'support', page: 20 }),
    list('list, topic', { topic: topicIds[3] }),
    list('list, answered', { state: 'answered' }),
    list('list, part of town', { neighbourhood: neighbourhoodIds[2] }),
    list('list, department', { department: departmentIds[1] }),
    list('list, unanswered, newest', { state: 'unanswered', sort: 'newest' }),
    list('list, topic + part + unanswered', {
      topic: topicIds[5],
      neighbourhood: neighbourhoodIds[4],
      state: 'unanswered',
    }),
    {
      label: 'question page',
      run: () =>
        boardQuestion(
          prisma,
          boardId,
          seeded.sampleQuestionIds[sample++ % seeded.sampleQuestionIds.length]!,
          { staff: false, participantId: readerId },
        ),
    },
    { label: 'overview', run: () => boardOverview(prisma, boardId) },
    { label: 'stats', run: () => boardStats(prisma, boardId, { now, timeZone: TIME_ZONE }) },
    { label: 'department desk queue', run: () => desk.queue(admin, departmentIds[2]!) },
  ];
}

function baselines(prisma: Prisma, ids: string[]) {
  let i = 0;
  return {
    select1: () => prisma.$queryRaw`SELECT 1`,
    pk: () =>
      prisma.question.findUnique({ where: { id: ids[i++ % ids.length]! }, select: { id: true } }),
  };
}

interface ReadFigures {
  label: string;
  samples: number[];
}

async function measureReads(prisma: Prisma, seeded: SeededBoard, reps: number) {
  const mix = reads(prisma, seeded);
  const base = baselines(prisma, seeded.sampleQuestionIds);
  const figures: ReadFigures[] = mix.map((r) => ({ label: r.label, samples: [] }));
  const select1: number[] = [];
  const pk: number[] = [];
  for (const read of mix) await read.run(); // warm-up: plans, caches
  for (let round = 0; round < reps; round++) {
    for (const [i, read] of mix.entries()) {
      select1.push((await timed(base.select1)).ms);
      pk.push((await timed(base.pk)).ms);
      figures[i]!.samples.push((await timed(read.run)).ms);
    }
  }
  return { figures, select1, pk };
}

// ---- e-mail batches ------------------------------------------------------------------------------

interface BatchFigures {
  label: string;
  /** Who the audience selects (counted with the app's own `where`). */
  audience: number;
  queued: number;
  ms: number;
  /** The INSERT … SELECT of as many outbox rows. */
  baselineMs: number;
  error: string | null;
}

async function emptyOutbox(prisma: Prisma) {
  await prisma.$executeRaw`DELETE FROM outbox_messages`;
  await prisma.$executeRaw`DELETE FROM subscription_tokens`;
}

/** One INSERT … SELECT of `count` outbox rows shaped like a notice: the floor for a batch. */
async function insertSelect(prisma: Prisma, count: number): Promise<number> {
  const { ms: took } = await timed(
    () => prisma.$executeRaw`
      INSERT INTO outbox_messages (id, kind, recipient, subject, text, headers, dedupe_key,
                                   message_id, updated_at)
      SELECT gen_random_uuid(), 'bench', 'obcan' || n || '@bench.example', 'Připomínka',
             repeat('Dobrý den, připomínáme zasedání. ', 20), '{"List-Unsubscribe": "<x>"}',
             'bench:' || n, '<bench-' || n || '@bench.example>', now()
      FROM generate_series(1, ${count}::int) n`,
  );
  await emptyOutbox(prisma);
  return took;
}

async function measureBatches(prisma: Prisma, seeded: SeededBoard): Promise<BatchFigures[]> {
  const now = new Date();
  const clock: Clock = { now: () => now };
  const config = {
    SMTP_URL: undefined,
    MAIL_FROM: 'Město Lhota <radnice@lhota.example>',
    TOWN_NAME: 'Lhota',
    PUBLIC_URL: 'https://lhota.example',
    MAIL_POLL_MS: 60_000,
    MAIL_RETRY_BASE_MS: 60_000,
  };
  // Never started: batches are enqueued, nothing is sent.
  const mail = createMail(config, { prisma, clock, logger });
  const letters = createLetters({
    publicUrl: config.PUBLIC_URL,
    townName: 'Lhota',
    timeZone: TIME_ZONE,
  });
  const deps = { prisma, mail, letters, clock, logger };
  const notices = createSessionNotices({ ...deps, host: 'lhota.example' });
  const announcements = createAnnouncements({ ...deps, timeZone: TIME_ZONE, onDue: () => {} });

  const runs: BatchFigures[] = [];
  async function batch(label: string, audience: number, send: () => Promise<unknown>) {
    await emptyOutbox(prisma);
    let error: string | null = null;
    const { ms: took } = await timed(() =>
      send().catch((err: Error) => {
        error = err.message.split('\n').filter(Boolean).at(-1) ?? err.message;
      }),
    );
    const queued = await prisma.outboxMessage.count();
    const baselineMs = await insertSelect(prisma, Math.max(audience, 1));
    runs.push({ label, audience, queued, ms: took, baselineMs, error });
    if (queued !== audience) fail(`${label}: ${n(queued)} e-mails queued for ${n(audience)}`);
    say(
      `${label}: ${n(queued)}/${n(audience)} e-mails in ${ms(took)} ms${error ? ` (${error})` : ''}`,
    );
  }

  const session = (neighbourhoodId: string | null, kind: 'council_meeting' | 'consultation') =>
    prisma.session.create({
      data: {
        kind,
        title: 'Zasedání',
        neighbourhoodId,
        scheduledStart: new Date(now.getTime() + 20 * 3_600_000),
        scheduledEnd: new Date(now.getTime() + 22 * 3_600_000),
      },
    });
  const reminderAudience = (kind: 'council_meeting' | 'consultation', part: string | null) =>
    prisma.subscription.count({
      where: sessionAudienceWhere({ kind, neighbourhoodId: part }, 'wantsReminders'),
    });

  const everyone = await session(null, 'council_meeting');
  await batch('reminder to everyone', await reminderAudience('council_meeting', null), () =>
    notices.sweep(),
  );
  await prisma.session.delete({ where: { id: everyone.id } });

  const part = seeded.neighbourhoodIds[0]!;
  const consultation = await session(part, 'consultation');
  await batch('reminder about a part of town', await reminderAudience('consultation', part), () =>
    notices.sweep(),
  );
  await prisma.session.delete({ where: { id: consultation.id } });

  const audience = { topicIds: [seeded.topicIds[0]!], neighbourhoodIds: [] };
  await prisma.announcement.create({
    data: {
      subject: 'Uzavírka',
      text: 'Od pondělí je uzavřena Husova ulice.',
      ...audience,
      sendAt: now,
    },
  });
  await batch(
    'announcement on a topic',
    await prisma.subscription.count({ where: announcementAudienceWhere(audience) }),
    () => announcements.sendDue(),
  );
  await emptyOutbox(prisma);
  return runs;
}

// ---- one engine ----------------------------------------------------------------------------------

interface EngineRun {
  engine: Engine;
  label: string;
  seeded: SeededBoard;
  reps: number;
  reads: Awaited<ReturnType<typeof measureReads>>;
  batches: BatchFigures[];
}

async function runEngine(engine: Engine, size: BoardSize): Promise<EngineRun> {
  const name = ENGINE_NAME[engine];
  return withBenchDatabase(engine, 'board', POSTGRES_URL, async (db) => {
    say(`${name}: ${db.label}`);
    await withApp(db, async () => {}); // migrations
    const seeded = await withRaw(db, (raw) =>
      seedBoard(raw, { ...size, participants: Math.ceil(size.questions / 3) }),
    );
    const c = seeded.counts;
    say(
      `${name}: seeded ${n(c.questions)} questions, ${n(c.votes)} votes, ${n(c.routings)} ` +
        `routings, ${n(c.subscribers)} subscribers in ${(seeded.seedMs / 1000).toFixed(1)} s`,
    );
    return withApp(db, async (app) => {
      const reps = engine === 'pglite' ? Math.min(REPS, 10) : REPS;
      say(`${name}: ${reps} rounds of reads…`);
      const measured = await measureReads(app.prisma, seeded, reps);
      say(`${name}: e-mail batches…`);
      const batches = await measureBatches(app.prisma, seeded);
      return { engine, label: db.label, seeded, reps, reads: measured, batches };
    });
  });
}

// ---- report --------------------------------------------------------------------------------------

function report(run: EngineRun) {
  const name = ENGINE_NAME[run.engine];
  const c = run.seeded.counts;
  const pk = summarize(run.reads.pk).p50;
  const select1 = summarize(run.reads.select1).p50;
  console.log(
    `\n${name}: ${n(c.questions)} questions, ${n(c.votes)} votes, ${n(c.subscribers)} ` +
      `subscribers; ${run.reps} runs each; ms; ×PK = p50 / p50 of a question by primary key`,
  );
  const w = [34, 9, 9, 9, 9];
  console.log(row(['read', 'p50', 'p95', '×PK', '×SELECT 1'], w));
  for (const f of run.reads.figures) {
    const s = summarize(f.samples);
    console.log(row([f.label, ms(s.p50), ms(s.p95), ratio(s.p50, pk), ratio(s.p50, select1)], w));
  }
  for (const [label, samples] of [
    ['baseline: question by primary key', run.reads.pk],
    ['baseline: SELECT 1', run.reads.select1],
  ] as const) {
    const s = summarize(samples);
    console.log(row([label, ms(s.p50), ms(s.p95), ratio(s.p50, pk), ratio(s.p50, select1)], w));
  }
  const b = [34, 9, 9, 10, 10, 13];
  console.log(
    `\n${name}: e-mail batches, once each; ×INSERT = ms / one INSERT … SELECT of as many rows`,
  );
  console.log(row(['batch', 'e-mails', 'ms', 'e-mails/s', '×INSERT', 'outcome'], b));
  for (const f of run.batches) {
    console.log(
      row(
        [
          f.label,
          `${n(f.queued)}/${n(f.audience)}`,
          ms(f.ms),
          n(f.queued / (f.ms / 1000)),
          ratio(f.ms, f.baselineMs),
          f.error ? 'ROLLED BACK' : 'ok',
        ],
        b,
      ),
    );
  }
  for (const f of run.batches.filter((x) => x.error)) console.log(`  ${f.label}: ${f.error}`);
}

await runBench(async () => {
  logger.level = process.env.BENCH_LOG_LEVEL ?? 'fatal';
  if (!['postgres', 'pglite', 'both'].includes(DB)) throw new Error(`--db ${DB}?`);
  const engines: Engine[] = DB === 'both' ? ['postgres', 'pglite'] : [DB as Engine];
  console.log(
    `Board and mail benchmark: ${engines.map((e) => ENGINE_NAME[e]).join(' and ')}; ` +
      `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const runs: EngineRun[] = [];
  for (const engine of engines) {
    runs.push(await runEngine(engine, engine === 'pglite' ? PGLITE_SIZE : SIZE));
  }
  runs.forEach(report);
  console.log(`\nload average ${os.loadavg()[0]!.toFixed(1)} at the end`);
}, 'all checks held');
