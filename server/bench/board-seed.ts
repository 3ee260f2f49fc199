// A town's board and subscriber base, seeded past the app with generate_series in a few SQL
// statements (seconds for 100k questions), on PostgreSQL and PGlite alike: departments, topics
// (each routed to a department), parts of town, officials, the board, participants, questions
// over two years in every state (answered ones with answer times skewed like a town hall's),
// support votes with a long tail, routings (some handed on), and subscribers with the spread of
// choices that the audience rules meet (empty lists = everything).
import type { RawDb } from './bench-db.ts';

export interface BoardSize {
  questions: number;
  /** Support votes come to about 2.6 per question (3 per public one). */
  participants: number;
  subscribers: number;
}

export interface SeededBoard {
  boardId: string;
  departmentIds: string[];
  topicIds: string[];
  neighbourhoodIds: string[];
  /** Public question ids, a sample for the question page and the primary-key baseline. */
  sampleQuestionIds: string[];
  /** A reader with support votes, so "which of these do I support" has work. */
  readerId: string;
  counts: { questions: number; votes: number; routings: number; subscribers: number };
  seedMs: number;
}

const DEPARTMENTS = 8;
const TOPICS = 12;
const NEIGHBOURHOODS = 15;
const OFFICIALS = 20;

/** Participant n's id: addressable by number, so votes need no join to pick voters. */
const participantId = (n: string) =>
  `('00000000-0000-7000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

export async function seedBoard(raw: RawDb, size: BoardSize): Promise<SeededBoard> {
  const started = performance.now();
  const p = size.participants;
  await raw.exec(`
    SELECT setseed(0.42);
    INSERT INTO departments (id, slug, name)
      SELECT gen_random_uuid(), 'odbor-' || n, 'Odbor ' || n FROM generate_series(1, ${DEPARTMENTS}) n;
    INSERT INTO topics (id, slug, name, position, department_id)
      SELECT gen_random_uuid(), 'tema-' || n, 'Téma ' || n, n,
             (SELECT array_agg(id ORDER BY slug) FROM departments)[1 + n % ${DEPARTMENTS}]
      FROM generate_series(1, ${TOPICS}) n;
    INSERT INTO neighbourhoods (id, slug, name, position)
      SELECT gen_random_uuid(), 'cast-' || n, 'Část ' || n, n FROM generate_series(1, ${NEIGHBOURHOODS}) n;
    INSERT INTO officials (id, name, role_title, department_id, updated_at)
      SELECT gen_random_uuid(), 'Úředník ' || n, 'vedoucí odboru',
             (SELECT array_agg(id ORDER BY slug) FROM departments)[1 + n % ${DEPARTMENTS}], now()
      FROM generate_series(1, ${OFFICIALS}) n;
    INSERT INTO sessions (id, kind, title, status, scheduled_start, scheduled_end, updated_at)
      VALUES (gen_random_uuid(), 'board', 'Otázky na vedení města', 'scheduled', now(), now(), now());
    INSERT INTO participants (id) SELECT ${participantId('n')} FROM generate_series(1, ${p}) n;
  `);
  // Questions: 40 % waiting, 45 % answered, the rest pending, rejected or merged; 5 % with no
  // department, 30 % about no part of town; answers take hours to months (exponential).
  await raw.exec(`
    INSERT INTO questions (id, session_id, participant_id, author_name, anonymous, text, status,
                           topic_id, department_id, neighbourhood_id, created_at, approved_at,
                           answered_at, answer_text, answered_by_id, updated_at)
    SELECT gen_random_uuid(), b.id, ${participantId(`1 + (n * 7919) % ${p}`)},
           'Občan ' || n, r4 < 0.2,
           'Otázka ' || n || ': kdy se opraví chodník a přechod u zastávky v naší ulici?',
           status::question_status, t.ids[k], CASE WHEN r7 < 0.05 THEN NULL ELSE t.departments[k] END,
           CASE WHEN r3 < 0.3 THEN NULL ELSE nb.ids[1 + floor(r3 * ${NEIGHBOURHOODS})::int % ${NEIGHBOURHOODS}] END,
           asked,
           CASE WHEN status IN ('approved', 'answered') THEN asked + interval '3 hours' END,
           CASE WHEN status = 'answered' THEN least(now(), asked + wait * interval '1 hour') END,
           CASE WHEN status = 'answered' THEN 'Odpověď odboru na otázku ' || n || '.' END,
           CASE WHEN status = 'answered' THEN o.ids[1 + n % ${OFFICIALS}] END,
           now()
    FROM (
      SELECT n, r2, r3, r4, r7, 1 + floor(r2 * ${TOPICS})::int % ${TOPICS} AS k,
             now() - r5 * interval '730 days' AS asked, -ln(1 - r6) * 120 AS wait,
             CASE WHEN r1 < 0.40 THEN 'approved' WHEN r1 < 0.85 THEN 'answered'
                  WHEN r1 < 0.92 THEN 'pending' WHEN r1 < 0.97 THEN 'rejected' ELSE 'merged' END
               AS status
      FROM (SELECT n, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
                   random() r7
            FROM generate_series(1, ${size.questions}) n) r
    ) q,
    (SELECT id FROM sessions WHERE kind = 'board') b,
    (SELECT array_agg(id ORDER BY position) ids, array_agg(department_id ORDER BY position) departments
       FROM topics) t,
    (SELECT array_agg(id ORDER BY position) ids FROM neighbourhoods) nb,
    (SELECT array_agg(id ORDER BY name) ids FROM officials) o;
  `);
  // Support: exponential per public question (mean 3, a tail into the forties), by distinct
  // participants; routings: one per routed public question, one in ten handed on with a note.
  await raw.exec(`
    INSERT INTO question_votes (question_id, participant_id, created_at)
    SELECT q.id, ${participantId(`1 + (q.k * 104729 + j * 7919) % ${p}`)}, q.created_at
    FROM (SELECT id, created_at, row_number() OVER (ORDER BY id) AS k,
                 floor(-ln(1 - random()) * 3.5)::int AS votes
          FROM questions WHERE status IN ('approved', 'answered')) q,
         generate_series(1, q.votes) j
    ON CONFLICT DO NOTHING;
    INSERT INTO question_routings (id, question_id, department_id, from_department_id, note, created_at)
    SELECT gen_random_uuid(), id, department_id,
           CASE WHEN random() < 0.1 THEN (SELECT id FROM departments ORDER BY slug LIMIT 1) END,
           'Předáno k vyřízení', approved_at
    FROM questions WHERE department_id IS NOT NULL AND approved_at IS NOT NULL;
    UPDATE question_routings SET note = '' WHERE from_department_id IS NULL;
  `);
  // Subscribers: 95 % confirmed; 40 % name one part of town, 30 % one or two topics, 10 % only
  // council meetings; a few want no reminders or no announcements.
  await raw.exec(`
    INSERT INTO subscriptions (id, email, confirmed_at, topic_ids, neighbourhood_ids, kinds,
                               wants_reminders, wants_announcements, updated_at)
    SELECT gen_random_uuid(), 'obcan' || n || '@bench.example',
           CASE WHEN r1 < 0.95 THEN now() END,
           CASE WHEN r2 < 0.2 THEN ARRAY[t.ids[1 + n % ${TOPICS}]]
                WHEN r2 < 0.3 THEN ARRAY[t.ids[1 + n % ${TOPICS}], t.ids[1 + (n + 5) % ${TOPICS}]]
                ELSE '{}' END,
           CASE WHEN r3 < 0.4 THEN ARRAY[nb.ids[1 + n % ${NEIGHBOURHOODS}]] ELSE '{}' END,
           CASE WHEN r4 < 0.1 THEN ARRAY['council_meeting'] ELSE '{}' END,
           r4 > 0.05, r3 < 0.97, now()
    FROM (SELECT n, random() r1, random() r2, random() r3, random() r4
          FROM generate_series(1, ${size.subscribers}) n) r,
         (SELECT array_agg(id ORDER BY position) ids FROM topics) t,
         (SELECT array_agg(id ORDER BY position) ids FROM neighbourhoods) nb;
  `);
  // PostgreSQL's autovacuum would get to it; PGlite has none. The reads need statistics.
  await raw.exec('VACUUM (ANALYZE)');

  const ids = async (sql: string) => (await raw.query<{ id: string }>(sql)).map((r) => r.id);
  const [board] = await ids(`SELECT id FROM sessions WHERE kind = 'board'`);
  const [reader] = await ids(
    `SELECT participant_id AS id FROM question_votes GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const [counts] = await raw.query<Record<keyof SeededBoard['counts'], string>>(`
    SELECT (SELECT count(*) FROM questions) AS questions,
           (SELECT count(*) FROM question_votes) AS votes,
           (SELECT count(*) FROM question_routings) AS routings,
           (SELECT count(*) FROM subscriptions) AS subscribers`);
  return {
    boardId: board!,
    departmentIds: await ids('SELECT id FROM departments ORDER BY slug'),
    topicIds: await ids('SELECT id FROM topics ORDER BY position'),
    neighbourhoodIds: await ids('SELECT id FROM neighbourhoods ORDER BY position'),
    sampleQuestionIds: await ids(
      `SELECT id FROM questions WHERE status IN ('approved', 'answered')
       ORDER BY md5(id::text) LIMIT 200`,
    ),
    readerId: reader!,
    counts: {
      questions: Number(counts!.questions),
      votes: Number(counts!.votes),
      routings: Number(counts!.routings),
      subscribers: Number(counts!.subscribers),
    },
    seedMs: performance.now() - started,
  };
}
