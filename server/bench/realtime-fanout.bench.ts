// `npm run bench [-- --clients N --rounds R]`: how fast a session's state change reaches
// every open page, against a bare Socket.IO broadcast measured in the same run.
//  - join: N clients join a session room (app: validated join + snapshot from the DB;
//    baseline: a bare room join).
//  - fan-out: an admin cancels/reopens the session over REST; time until each client has the
//    new state (app: DB transaction + audit + notifier; baseline: io.to(room).emit()).
import {
  compare,
  connectMany,
  fanOut,
  startBareServer,
  startBenchApp,
  tableHeader,
} from './harness.ts';
import { argNumber, summarize } from './stats.ts';

const CLIENTS = argNumber('clients', 300);
const ROUNDS = argNumber('rounds', 10);

async function baseline() {
  const server = await startBareServer((io) => {
    io.on('connection', (socket) => {
      socket.on('join', async (_payload: unknown, ack: (r: unknown) => void) => {
        await socket.join('room');
        ack({ ok: true });
      });
    });
  });
  const sockets = await connectMany(server.url, CLIENTS);
  const joinStart = performance.now();
  await Promise.all(sockets.map((s) => s.emitWithAck('join', {})));
  const joinMs = performance.now() - joinStart;
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS * 2; round++) {
    samples.push(
      ...(await fanOut(sockets, 'state', async () =>
        server.io.to('room').emit('state', { round }),
      )),
    );
  }
  sockets.forEach((s) => s.disconnect());
  await server.close();
  return { joinMs, fanout: summarize(samples) };
}

async function namesti() {
  const app = await startBenchApp();
  const sessionId = await app.createSession();
  const sockets = await connectMany(app.url, CLIENTS);
  const joinStart = performance.now();
  await Promise.all(sockets.map((s) => s.emitWithAck('session:join', { sessionId })));
  const joinMs = performance.now() - joinStart;
  const samples: number[] = [];
  // cancel ↔ reopen can repeat forever; each is a full lifecycle change (guarded
  // transaction, audit entry, notification).
  for (let round = 0; round < ROUNDS; round++) {
    for (const action of ['cancel', 'reopen'] as const) {
      samples.push(
        ...(await fanOut(sockets, 'session:state', () =>
          app.admin.post(`/api/sessions/${sessionId}/lifecycle`, { action }),
        )),
      );
    }
  }
  sockets.forEach((s) => s.disconnect());
  await app.close();
  return { joinMs, fanout: summarize(samples), database: app.database };
}

const base = await baseline();
const app = await namesti();
tableHeader(
  `Realtime fan-out: ${CLIENTS} clients, ${ROUNDS * 2} state changes, database ${app.database}`,
);
compare(`join all ${CLIENTS} (snapshot each)`, base.joinMs, app.joinMs);
compare('state change → client, p50', base.fanout.p50, app.fanout.p50);
compare('state change → client, p99', base.fanout.p99, app.fanout.p99);
compare('state change → client, max', base.fanout.max, app.fanout.max);
console.log(`samples: baseline ${base.fanout.n}, náměstí ${app.fanout.n}`);
process.exit(0);
