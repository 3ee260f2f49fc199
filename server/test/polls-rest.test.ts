// The polls of a session over HTTP: the public summary for the archive, and the staff CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollDto } from '../src/protocol/polls.ts';
import { TestClient } from './support/http-client.ts';
import { liveSession, ok } from './support/participation.ts';
import {
  castVote,
  startPollWorld,
  stopPollWorld,
  type PollTestWorld,
  control,
  draftOf,
  expectStoredTally,
  openPoll,
  pick,
  rated,
  said,
  saveDraft,
} from './support/polls.ts';

let world: PollTestWorld;

beforeAll(async () => {
  world = await startPollWorld();
});
afterAll(() => stopPollWorld(world));

/** A session with a poll in every state and visibility, and three voters in each launched one. */
async function sessionWithPolls() {
  const session = await liveSession(world.admin);
  const draft = await saveDraft(world.marta(), draftOf.yes_no(session.id));
  const live = await openPoll(
    world.marta,
    draftOf.single(session.id, { question: 'Park; nebo "náměstí"?' }),
  );
  const later = await openPoll(
    world.marta,
    draftOf.rating(session.id, { resultsVisibility: 'after_close' }),
  );
  const laterClosed = await openPoll(
    world.marta,
    draftOf.word_cloud(session.id, { resultsVisibility: 'after_close' }),
  );
  const hidden = await openPoll(
    world.marta,
    draftOf.yes_no(session.id, { resultsVisibility: 'hidden' }),
  );
  for (let i = 0; i < 3; i++) {
    const voter = await world.joined(session.id);
    await ok(castVote(voter, session.id, live.id, pick(live.options[i === 2 ? 1 : 0]!.id)));
    await ok(castVote(voter, session.id, later.id, rated(i + 3)));
    await ok(castVote(voter, session.id, laterClosed.id, said(i ? 'Park' : '=1+1')));
    await ok(castVote(voter, session.id, hidden.id, pick(hidden.options[0]!.id)));
  }
  await ok(control(world.marta(), session.id, laterClosed.id, 'close'));
  await ok(control(world.marta(), session.id, hidden.id, 'close'));
  return { session, draft, live, later, laterClosed, hidden };
}

describe('GET /api/sessions/:id/polls', () => {
  it('is public: launched polls only, results where citizens may see them', async () => {
    const { session, draft, live, later, laterClosed, hidden } = await sessionWithPolls();
    const anonymous = new TestClient(world.app.url);
    const res = await anonymous.get<PollDto[]>(`/api/sessions/${session.id}/polls`);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.map((p) => [p.id, p]));
    expect(res.body.map((p) => p.id)).toEqual([live.id, later.id, laterClosed.id, hidden.id]);
    expect(byId.has(draft.id)).toBe(false);
    expect(res.body.map((p) => [p.status, p.results?.voters ?? null])).toEqual([
      ['open', 3],
      ['open', null],
      ['closed', 3],
      ['closed', null],
    ]);
    await expectStoredTally(live, byId.get(live.id)!.results);
    await expectStoredTally(laterClosed, byId.get(laterClosed.id)!.results);
    for (const poll of res.body) {
      expect(poll).not.toHaveProperty('createdBy');
      expect(poll).not.toHaveProperty('position');
    }
    // Staff get the same public view here.
    const asStaff = await world.moderator.get<PollDto[]>(`/api/sessions/${session.id}/polls`);
    expect(asStaff.body.map((p) => p.results?.voters ?? null)).toEqual([3, null, 3, null]);
    expect((await anonymous.get(`/api/sessions/${crypto.randomUUID()}/polls`)).status).toBe(404);
  });
});

describe('GET /api/sessions/:id/polls.csv', () => {
  it('is for staff only', async () => {
    const session = await liveSession(world.admin);
    await openPoll(world.marta, draftOf.single(session.id));
    const path = `/api/sessions/${session.id}/polls.csv`;
    expect((await new TestClient(world.app.url).get(path)).status).toBe(401);
    const citizen = new TestClient(world.app.url);
    await citizen.get('/api/me');
    expect(citizen.cookies.size).toBeGreaterThan(0);
    const refused = await citizen.get(path);
    expect([401, 403]).toContain(refused.status);
    expect(refused.text).not.toContain('Kam s novým hřištěm?');
    expect((await world.moderator.get(path)).status).toBe(200);
  });

  it('has a BOM, the header, and one ;-separated row per tally entry', async () => {
    const { session, live, later, laterClosed, hidden } = await sessionWithPolls();
    const res = await world.moderator.get(`/api/sessions/${session.id}/polls.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`filename="polls-${session.id}.csv"`);
    // fetch's text() drops a BOM: look at the bytes.
    const bytes = new Uint8Array(
      await (
        await fetch(`${world.app.url}/api/sessions/${session.id}/polls.csv`, {
          headers: { cookie: world.moderator.cookieHeader },
        })
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.includes('\r\n')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    const [header, ...rows] = lines.slice(0, -1);
    expect(header).toBe('poll;kind;status;opened_at;closed_at;voters;answer;count;percent');
    const fields = rows.map(splitCsvRow);
    // Staff see every launched poll's tally, hidden ones too; drafts are not exported.
    const [liveRows, laterRows, cloudRows, hiddenRows] = [live, later, laterClosed, hidden].map(
      (poll) => fields.filter((f) => f[0] === poll.question),
    );
    expect(fields).toHaveLength(3 + 5 + 2 + 3);
    // The separator and quotes inside a question are quoted, as CSV does.
    expect(rows[0]!.startsWith('"Park; nebo ""náměstí""?";single;open;')).toBe(true);
    expect(liveRows!.map((f) => f.slice(1, 3).concat(f.slice(5)))).toEqual([
      ['single', 'open', '3', 'Do parku', '2', expect.stringMatching(/^66[.,]7$/u)],
      ['single', 'open', '3', 'Na náměstí', '1', expect.stringMatching(/^33[.,]3$/u)],
      ['single', 'open', '3', 'K Sokolovně', '0', '0'],
    ]);
    expect(liveRows![0]![3]).toBe(live.openedAt);
    expect(liveRows![0]![4]).toBe('');
    expect(laterRows!.map((f) => [f[6], f[7]])).toEqual([
      ['1', '0'],
      ['2', '0'],
      ['3', '1'],
      ['4', '1'],
      ['5', '1'],
    ]);
    // A word typed as a formula is defused, not run by Excel.
    expect(cloudRows!.map((f) => [f[2], f[6], f[7]])).toEqual([
      ['closed', 'Park', '2'],
      ['closed', "'=1+1", '1'],
    ]);
    expect(cloudRows![0]![4]).not.toBe('');
    expect(hiddenRows!.map((f) => [f[6], f[7]])).toEqual([
      ['Ano', '3'],
      ['Ne', '0'],
      ['Zdržuji se', '0'],
    ]);
  });
});

/** One CSV row split on ";" outside quotes, quotes undone. */
function splitCsvRow(row: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!;
    if (quoted) {
      if (ch === '"' && row[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}
