// Citizens on stage, on the real app and worker: the speaking list in order, one speaker at a
// time, who may send stage audio, a moderator's mute that the citizen cannot lift, removal,
// the time limit, and everything cleared when the session ends.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { loginAs, startTestApp } from './support/app.ts';
import type { TestClient } from './support/http-client.ts';
import { citizen, liveSession, ok, staffSocket } from './support/participation.ts';
import { emitRaw, eventually, nextEvent, type TestSocket } from './support/sockets.ts';

let app: RunningApp;
let admin: TestClient;
const sockets: TestSocket[] = [];
const db = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });

beforeAll(async () => {
  app = await startTestApp({ MEDIA: 'auto', MEDIA_WORKERS: '1' });
  admin = await loginAs(app.url);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.close();
  await db.end();
});

async function consultation() {
  const session = await liveSession(admin, { kind: 'consultation' });
  const moderator = await staffSocket(app.url, admin, sockets);
  await ok(moderator.emitWithAck('moderation:join', { sessionId: session.id }));
  return { sessionId: session.id, moderator };
}

async function raiser(sessionId: string, topic: string, authorName: string) {
  const socket = await citizen(app.url, sockets);
  await ok(socket.emitWithAck('session:join', { sessionId }));
  const request = await ok(socket.emitWithAck('stage:raise', { sessionId, topic, authorName }));
  return { socket, request };
}

/** A citizen's stage microphone, fed from a local encoder with the citizen as its owner. */
async function stageAudio(sessionId: string, participantId: string) {
  const room = await app.media.room(sessionId);
  const { producerId } = await room.createPlainIngest('test-encoder', {
    kind: 'audio',
    source: 'stage-audio',
    owner: participantId,
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: 33333333 }],
    },
  });
  return { room, producerId };
}

describe('citizens on stage', () => {
  it('keeps the speaking list in order and refuses a second hand and a council meeting', async () => {
    const { sessionId, moderator } = await consultation();
    const first = await raiser(sessionId, 'Parkování u školy', 'Jana');
    expect(first.request).toMatchObject({ status: 'waiting', position: 1 });
    const queued = nextEvent(moderator, 'stage:queue', (p) => p.queue.length === 2);
    const second = await raiser(sessionId, 'Osvětlení v parku', 'Petr');
    expect(second.request.position).toBe(2);
    expect((await queued).queue.map((r) => r.name)).toEqual(['Jana', 'Petr']);

    const again = await emitRaw(first.socket, 'stage:raise', { sessionId, topic: 'Ještě jednou' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const council = await liveSession(admin, { kind: 'council_meeting' });
    const refused = await emitRaw(first.socket, 'stage:raise', {
      sessionId: council.id,
      topic: 'Chci mluvit',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    const citizenDecides = await emitRaw(second.socket, 'stage:decide', {
      sessionId,
      requestId: first.request.id,
      decision: 'accept',
    });
    expect(citizenDecides).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    const snapshot = await ok(moderator.emitWithAck('stage:sync', { sessionId }));
    expect(snapshot.queue?.map((r) => r.position)).toEqual([1, 2]);
    const citizenView = await ok(second.socket.emitWithAck('stage:sync', { sessionId }));
    expect(citizenView).toMatchObject({
      queue: null,
      mine: { id: second.request.id, position: 2 },
    });
  });

  it('puts one speaker on stage, lets only them send, and holds the moderator’s mute', async () => {
    const { sessionId, moderator } = await consultation();
    const jana = await raiser(sessionId, 'Parkování u školy', 'Jana');
    const petr = await raiser(sessionId, 'Osvětlení v parku', 'Petr');
    const speaker = nextEvent(jana.socket, 'stage:speaker', (p) => p.speaker !== null);
    const accepted = nextEvent(jana.socket, 'stage:mine', (r) => r.status === 'accepted');
    const moved = nextEvent(petr.socket, 'stage:mine', (r) => r.position === 1);
    await ok(
      moderator.emitWithAck('stage:decide', {
        sessionId,
        requestId: jana.request.id,
        decision: 'accept',
      }),
    );
    expect((await speaker).speaker).toMatchObject({ name: 'Jana', topic: 'Parkování u školy' });
    await accepted;
    await moved;
    const secondSpeaker = await emitRaw(moderator, 'stage:decide', {
      sessionId,
      requestId: petr.request.id,
      decision: 'accept',
    });
    expect(secondSpeaker).toMatchObject({ ok: false, error: { code: 'conflict' } });

    await ok(jana.socket.emitWithAck('media:join', { sessionId }));
    await ok(petr.socket.emitWithAck('media:join', { sessionId }));
    const send = { sessionId, direction: 'send', purpose: 'stage' } as const;
    expect((await emitRaw(jana.socket, 'media:transport', send)).ok).toBe(true);
    expect(await emitRaw(petr.socket, 'media:transport', send)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const mine = (await ok(jana.socket.emitWithAck('stage:sync', { sessionId }))).mine!;
    expect(mine.status).toBe('accepted');
    const janaId = (
      await db.query<{ participant_id: string }>(
        'SELECT participant_id::text FROM stage_requests WHERE id = $1',
        [jana.request.id],
      )
    ).rows[0]!.participant_id;
    const { room, producerId } = await stageAudio(sessionId, janaId);
    await ok(
      moderator.emitWithAck('stage:control', {
        sessionId,
        requestId: jana.request.id,
        action: 'mute',
      }),
    );
    await eventually(() => room.producers().find((p) => p.id === producerId)?.paused, true);
    // The citizen's own "unmute" cannot lift it.
    const unmute = await emitRaw(jana.socket, 'media:producer', {
      sessionId,
      producerId,
      action: 'resume',
    });
    expect(unmute).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ok(
      moderator.emitWithAck('stage:control', {
        sessionId,
        requestId: jana.request.id,
        action: 'unmute',
      }),
    );
    await eventually(() => room.producers().find((p) => p.id === producerId)?.paused, false);

    const offStage = nextEvent(jana.socket, 'stage:speaker', (p) => p.speaker === null);
    const done = nextEvent(jana.socket, 'stage:mine', (r) => r.status === 'done');
    await ok(
      moderator.emitWithAck('stage:control', {
        sessionId,
        requestId: jana.request.id,
        action: 'remove',
      }),
    );
    await offStage;
    await done;
    expect(room.producers().some((p) => p.id === producerId)).toBe(false);
    expect(await emitRaw(jana.socket, 'media:transport', send)).toMatchObject({ ok: false });
  });

  it('takes the speaker off when the time limit runs out, and tells a declined citizen', async () => {
    const { sessionId, moderator } = await consultation();
    const jana = await raiser(sessionId, 'Parkování u školy', 'Jana');
    const petr = await raiser(sessionId, 'Osvětlení v parku', 'Petr');
    const declined = nextEvent(petr.socket, 'stage:mine', (r) => r.status === 'declined');
    await ok(
      moderator.emitWithAck('stage:decide', {
        sessionId,
        requestId: petr.request.id,
        decision: 'decline',
        reason: 'Téma patří na jiné zasedání',
      }),
    );
    expect((await declined).declineReason).toBe('Téma patří na jiné zasedání');

    const limited = await ok(
      moderator.emitWithAck('stage:decide', {
        sessionId,
        requestId: jana.request.id,
        decision: 'accept',
        timeLimitSeconds: 60,
      }),
    );
    expect(Date.parse(limited.endsAt!) - Date.now()).toBeGreaterThan(50_000);
    // Let the minute pass in the database rather than in the test.
    const done = nextEvent(jana.socket, 'stage:mine', (r) => r.status === 'done', 5_000);
    await db.query(
      "UPDATE stage_requests SET ends_at = now() - interval '1 second' WHERE id = $1",
      [jana.request.id],
    );
    await done;
  });

  it('clears the list when the session ends', async () => {
    const { sessionId, moderator } = await consultation();
    const jana = await raiser(sessionId, 'Parkování u školy', 'Jana');
    await raiser(sessionId, 'Osvětlení v parku', 'Petr');
    await ok(
      moderator.emitWithAck('stage:decide', {
        sessionId,
        requestId: jana.request.id,
        decision: 'accept',
      }),
    );
    const cleared = nextEvent(moderator, 'stage:queue', (p) => p.queue.length === 0);
    await admin.post(`/api/sessions/${sessionId}/lifecycle`, { action: 'end' });
    await cleared;
    const { rows } = await db.query<{ status: string }>(
      'SELECT status::text FROM stage_requests WHERE session_id = $1 ORDER BY created_at',
      [sessionId],
    );
    expect(rows.map((r) => r.status)).toEqual(['done', 'declined']);
  });
});
