// The composition root: builds every part from the config and wires them together.
import { createServer, type RequestListener } from 'node:http';
import type { MediaService } from '@namesti/media';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createClient, type RedisClientType } from 'redis';
import { bootstrap } from './bootstrap.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { authRouter } from './features/auth/http.ts';
import { createAuthService } from './features/auth/service.ts';
import { departmentsRouter } from './features/departments/http.ts';
import { createDepartmentService } from './features/departments/service.ts';
import { filesRouter } from './features/files/http.ts';
import { healthRouter } from './features/health/http.ts';
import { siteRouter } from './features/site/http.ts';
import { officialsRouter } from './features/officials/http.ts';
import { openDataRouter } from './features/open-data/http.ts';
import { createOfficialService } from './features/officials/service.ts';
import { createParticipantService } from './features/participants/service.ts';
import { sessionsRouter } from './features/sessions/http.ts';
import { materializeAllSeries } from './features/sessions/series.ts';
import { createSessionService } from './features/sessions/service.ts';
import { sessionSockets } from './features/sessions/socket.ts';
import { staffRouter } from './features/staff/http.ts';
import { createChatService } from './features/chat/service.ts';
import { chatSockets } from './features/chat/socket.ts';
import { moderationRouter } from './features/moderation/http.ts';
import { createModerationService } from './features/moderation/service.ts';
import { createModerationSettingsService } from './features/moderation/settings.ts';
import { moderationSockets } from './features/moderation/socket.ts';
import { createParticipationLimits } from './features/participation/limits.ts';
import { createParticipationSnapshots } from './features/participation/snapshot.ts';
import { voteCounts } from './features/questions/data.ts';
import { createQuestionModeration } from './features/questions/moderate.ts';
import { createQuestionService } from './features/questions/service.ts';
import { questionSockets } from './features/questions/socket.ts';
import { createPollDefinitions } from './features/polls/definitions.ts';
import { pollsRouter } from './features/polls/http.ts';
import { createPollManager } from './features/polls/manage.ts';
import { createPollResultsFlusher } from './features/polls/results.ts';
import { createPollService } from './features/polls/service.ts';
import { pollSockets } from './features/polls/socket.ts';
import { createMediaAccess } from './features/media/access.ts';
import { mediaEvents } from './features/media/events.ts';
import { mediaRouter } from './features/media/http.ts';
import { createRecordings, type Recordings } from './features/media/recordings.ts';
import { mediaSockets } from './features/media/socket.ts';
import { createStreamKeys } from './features/media/stream-keys.ts';
import { whipRouter } from './features/media/whip-http.ts';
import { startMedia } from './features/media/start.ts';
import { startMediaCluster } from './features/media/cluster/index.ts';
import { archiveRouter } from './features/archive/http.ts';
import { archiveFeedRouter } from './features/archive/feed.ts';
import { posterRouter } from './features/archive/poster.ts';
import { recordingImportRouter } from './features/media/recording-import.ts';
import { reindexSession } from './features/archive/indexer.ts';
import { createTranscriptService } from './features/transcripts/service.ts';
import { createTranscriptionJobs } from './features/transcripts/jobs.ts';
import { createMail } from './features/mail/index.ts';
import { createSubscriptions } from './features/subscriptions/index.ts';
import { startTranscriptionEngine } from './features/transcripts/engine.ts';
import { seedDemoArchive } from './seed/demo-archive.ts';
import { createBoardDesk } from './features/board/desk.ts';
import { createBoardFollowers } from './features/board/followers.ts';
import { createBoardPromotion } from './features/board/promotion.ts';
import { boardRouter } from './features/board/http.ts';
import { findBoard, onBoard } from './features/board/public.ts';
import { stageMedia } from './features/stage/media.ts';
import { stageNotifier } from './features/stage/notify.ts';
import { createStageService } from './features/stage/service.ts';
import { stageSockets } from './features/stage/socket.ts';
import { createFlusher } from './lib/flusher.ts';
import { createStaffService } from './features/staff/service.ts';
import { createHttpApp } from './http/app.ts';
import { identify } from './http/context.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import type { Logger } from './lib/logger.ts';
import { limiterFactory } from './lib/rate-limit.ts';
import { createNotifier } from './realtime/notifier.ts';
import { createPresence } from './realtime/presence.ts';
import { createRealtime } from './realtime/server.ts';

export interface RunningApp {
  url: string;
  port: number;
  /** The media server, for tests and benchmarks that feed it directly. */
  media: MediaService;
  close(): Promise<void>;
}

async function connectRedis(url: string, prefix: string, logger: Logger) {
  const client = createClient({ url }) as RedisClientType;
  client.on('error', (err: unknown) => logger.error({ err }, 'redis error'));
  const sub = client.duplicate();
  sub.on('error', (err: unknown) => logger.error({ err }, 'redis (subscriber) error'));
  // Rate limits must fail fast while Redis is away (they fall back to per-node memory),
  // not queue commands until it returns.
  const limits = client.duplicate({ disableOfflineQueue: true }) as RedisClientType;
  limits.on('error', (err: unknown) => logger.error({ err }, 'redis (rate limits) error'));
  await Promise.all([client.connect(), sub.connect(), limits.connect()]);
  return { pub: client, sub, limits, prefix };
}

const SERIES_REFRESH_MS = 6 * 3600 * 1000;
/** How often speakers whose time ran out are taken off stage. */
const STAGE_SWEEP_MS = 1_000;

export async function startApp(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<RunningApp> {
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    logger,
  });
  const { prisma } = db;
  await bootstrap(prisma, {
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    seedDemo: config.SEED_DEMO,
    timeZone: config.TOWN_TIME_ZONE,
    now: clock.now(),
    logger,
  });
  await materializeAllSeries(prisma, clock.now(), logger);
  const seriesTimer = setInterval(() => {
    void materializeAllSeries(prisma, clock.now(), logger); // never rejects: it logs
  }, SERIES_REFRESH_MS);
  seriesTimer.unref();

  const redis = config.REDIS_URL
    ? await connectRedis(config.REDIS_URL, config.REDIS_PREFIX, logger)
    : null;
  const limiters = limiterFactory(redis?.limits ?? null, config.REDIS_PREFIX);
  const auth = createAuthService({ prisma, clock, limiters });
  const participants = createParticipantService({ prisma });

  // Express is installed as the request listener before Socket.IO attaches, so Socket.IO
  // answers /socket.io/ requests itself and hands every other request to express.
  let handleRequest: RequestListener = (_req, res) => {
    res.writeHead(503).end();
  };
  const httpServer = createServer((req, res) => handleRequest(req, res));
  const realtime = createRealtime({
    httpServer,
    auth,
    secret: config.sessionSecret,
    logger,
    limiters,
    redis,
    publicUrl: config.PUBLIC_URL,
    trustProxy: config.TRUST_PROXY,
  });
  const notifier = createNotifier(realtime.io);
  // Recordings need the media server, and the media server tells them about new rooms.
  let recordings: Recordings | null = null;
  const peerEvents = mediaEvents(realtime.io);
  // Subscribers' notices are set up with the mail below; their sweep also finds what is due
  // without a wake (a recording recovered at start).
  let wakeNotices = () => {};
  const media = await startMedia(
    config,
    {
      ...peerEvents,
      roomOpened: (sessionId) => {
        recordings?.ensure(sessionId).catch((err: unknown) => {
          logger.error({ err, sessionId }, 'recording could not start');
        });
      },
    },
    logger,
  );
  const transcripts = createTranscriptService({ prisma });
  const transcription = createTranscriptionJobs({
    prisma,
    engine: await startTranscriptionEngine(config, logger),
    transcripts,
    clock,
    logger,
    recordingsDir: path.join(config.dataDir, 'recordings'),
    ffmpegPath: config.FFMPEG_PATH,
    language: config.TRANSCRIBE_LANGUAGE,
  });
  const liveRecordings = createRecordings({
    prisma,
    media,
    clock,
    logger,
    dir: path.join(config.dataDir, 'recordings'),
    ffmpegPath: config.FFMPEG_PATH,
    ffprobePath: config.FFPROBE_PATH,
    // After the transcript is queued, so the notice knows to wait for it.
    onReady: (sessionId) => transcription.enqueue(sessionId).finally(() => wakeNotices()),
  });
  recordings = liveRecordings;
  await liveRecordings.recover();
  if (config.SEED_DEMO) {
    await seedDemoArchive({
      prisma,
      transcripts,
      recordingsDir: path.join(config.dataDir, 'recordings'),
      ffmpegPath: config.FFMPEG_PATH,
      logger,
    });
  }
  // Each session's media lives on one node; the others forward their calls there.
  const mediaOps = await startMediaCluster({
    media,
    redis,
    finishRecording: (sessionId) => liveRecordings.finish(sessionId),
    resetAll: peerEvents.resetAll,
    logger,
  });
  const streamKeys = createStreamKeys(prisma, clock);
  const presence = createPresence(realtime.io, logger);
  const pollManager = createPollManager({ prisma, clock, notifier });
  const limits = createParticipationLimits(limiters);
  const stage = createStageService({
    prisma,
    clock,
    limits,
    notify: stageNotifier(realtime.io),
    media: stageMedia(mediaOps),
  });
  const stageSweep = setInterval(() => {
    stage.sweep().catch((err: unknown) => logger.warn({ err }, 'stage time-limit sweep failed'));
  }, STAGE_SWEEP_MS);
  stageSweep.unref();
  const sessions = createSessionService({
    prisma,
    clock,
    notifier,
    timeZone: config.TOWN_TIME_ZONE,
    onFinish: async (tx, sessionId) => {
      const pollsClosed = await pollManager.closeAllIn(tx, sessionId);
      const stageCleared = await stage.finishIn(tx, sessionId);
      return async () => {
        await pollsClosed();
        await stageCleared();
        await mediaOps.closeRoom(sessionId);
        // The ended session joins the archive: its title, agenda and questions are findable.
        await reindexSession(prisma, sessionId);
      };
    },
    onStarted: async (sessionId) => {
      wakeNotices();
      await liveRecordings.ensure(sessionId);
    },
    onEdited: async (sessionId) => {
      await reindexSession(prisma, sessionId);
    },
  });
  const officials = createOfficialService({ prisma });
  const departments = createDepartmentService({ prisma });
  const staff = createStaffService({ prisma });
  const mail = createMail(config, { prisma, clock, logger });
  const subscriptions = createSubscriptions({
    prisma,
    mail,
    clock,
    logger,
    limiters,
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    townName: config.TOWN_NAME,
    timeZone: config.TOWN_TIME_ZONE,
    sweepMs: config.NOTICES_SWEEP_MS,
  });
  wakeNotices = subscriptions.nudge;
  // Vote counts go out coalesced (a vote storm is not one broadcast per vote), read fresh.
  const votes = createFlusher({
    intervalMs: 250,
    settleMs: 1_500,
    flush: async (sessionId, questionIds) =>
      notifier.votesChanged(sessionId, await voteCounts(prisma, questionIds)),
    onError: (err, sessionId) => logger.warn({ err, sessionId }, 'vote count broadcast failed'),
  });
  const questions = createQuestionService({ prisma, clock, notifier, limits, votes });
  // Bootstrap made the board; every node finds the same one.
  const boardId = (await findBoard(prisma))!.id;
  const boardPromotion = createBoardPromotion({ prisma, clock, notifier, boardId });
  const boardFollowers = createBoardFollowers({
    prisma,
    mail,
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    townName: config.TOWN_NAME,
  });
  const questionModeration = createQuestionModeration({
    prisma,
    clock,
    notifier,
    votes,
    publishSession: (actor, id) => sessions.publish(actor, id),
    onModerated: (sessionId) => reindexSession(prisma, sessionId),
    // The answer is stored whatever happens to the notices; a failure is the log's to tell.
    onAnswered: async (questionId) => {
      try {
        // A board question answered in a live session is answered on the board too.
        const boardQuestionId = await boardPromotion.carryAnswerBack(questionId);
        const boardAnswer = boardQuestionId ?? (await onBoard(prisma, boardId, questionId));
        if (boardAnswer) notifier.boardAnswered(boardAnswer);
        await boardFollowers.answered(boardQuestionId ?? questionId);
      } catch (err) {
        logger.error({ err, questionId }, 'the answer did not reach the board or its followers');
      }
    },
  });
  const boardDesk = createBoardDesk({ prisma, moderation: questionModeration, boardId });
  const pollResults = createPollResultsFlusher({ prisma, clock, notifier, logger });
  const polls = createPollService({
    prisma,
    clock,
    notifier,
    limits,
    definitions: createPollDefinitions(prisma),
    results: pollResults,
  });
  const chat = createChatService({ prisma, clock, notifier, limits });
  const moderation = createModerationService({ prisma, clock, notifier, chat });
  const moderationSettings = createModerationSettingsService({ prisma });
  realtime.register(
    sessionSockets({
      sessions,
      presence,
      participation: createParticipationSnapshots({ prisma, clock }),
    }),
    questionSockets({ questions, moderation: questionModeration }),
    chatSockets({ chat }),
    moderationSockets({ moderation, sessions }),
    pollSockets({ polls, manager: pollManager }),
    mediaSockets({ media, ops: mediaOps, access: createMediaAccess(prisma, stage) }),
    stageSockets(stage),
  );

  const app = await createHttpApp({
    logger,
    trustProxy: config.TRUST_PROXY,
    identify: identify({ auth, secret: config.sessionSecret, secureCookies: config.secureCookies }),
    publicRouters: [
      healthRouter({ db, redis: redis?.pub ?? null, media, version: config.version }),
      filesRouter(prisma),
      siteRouter({ townName: config.TOWN_NAME }),
      // Read-only open data (/api/v1, /api/openapi.json, /api/docs): no cookies, open CORS.
      openDataRouter({
        prisma,
        clock,
        limiters,
        timeZone: config.TOWN_TIME_ZONE,
        townName: config.TOWN_NAME,
      }),
    ],
    routers: [
      authRouter({ auth, participants, secureCookies: config.secureCookies }),
      sessionsRouter({
        sessions,
        prisma,
        clock,
        townName: config.TOWN_NAME,
        publicUrl: config.PUBLIC_URL,
      }),
      officialsRouter(officials),
      departmentsRouter(departments),
      staffRouter(staff, prisma),
      moderationRouter(moderationSettings),
      mail.router(),
      subscriptions.router(),
      pollsRouter(prisma, clock),
      archiveRouter({ prisma, clock, transcripts, transcription }),
      boardRouter({
        prisma,
        clock,
        boardId,
        questions,
        desk: boardDesk,
        followers: boardFollowers,
        promotion: boardPromotion,
        secret: config.sessionSecret,
        timeZone: config.TOWN_TIME_ZONE,
      }),
      posterRouter({
        prisma,
        recordingsDir: path.join(config.dataDir, 'recordings'),
        ffmpegPath: config.FFMPEG_PATH,
        logger,
      }),
      recordingImportRouter({
        prisma,
        clock,
        logger,
        recordingsDir: path.join(config.dataDir, 'recordings'),
        ffmpegPath: config.FFMPEG_PATH,
        ffprobePath: config.FFPROBE_PATH,
        maxBytes: config.UPLOAD_MAX_MB * 1_000_000,
        onImported: async (sessionId) => {
          await reindexSession(prisma, sessionId);
          await transcription.enqueue(sessionId, 'upload');
        },
      }),
      mediaRouter({
        prisma,
        streamKeys,
        recordingsDir: path.join(config.dataDir, 'recordings'),
        publicUrl: config.PUBLIC_URL,
      }),
    ],
    rootRouters: [
      archiveFeedRouter({ prisma, townName: config.TOWN_NAME, publicUrl: config.PUBLIC_URL }),
      whipRouter({
        prisma,
        media,
        ops: mediaOps,
        streamKeys,
        failures: limiters({ keyPrefix: 'whip-wrong-key', points: 10, duration: 60 }),
        logger,
      }),
    ],
    webBuildDir: config.WEB_BUILD_DIR,
    publicUrl: config.PUBLIC_URL,
    embedOrigins: config.EMBED_ORIGINS,
  });
  handleRequest = app;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  transcription.start();
  mail.start();
  subscriptions.start();
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  logger.info(
    { url, database: db.kind, redis: redis ? 'on' : 'off', media: media.status() },
    'Náměstí is listening',
  );

  return {
    url,
    port,
    media,
    async close() {
      clearInterval(seriesTimer);
      clearInterval(stageSweep);
      realtime.stop();
      // While the sockets (and Redis) are still up: peers on other nodes join again there.
      await mediaOps.close();
      await realtime.io.close(); // also closes the HTTP server
      // After the sockets are gone (their goodbyes schedule recounts), before Redis goes.
      await Promise.all([presence.stop(), votes.stop(), pollResults.stop()]);
      await media.close();
      await liveRecordings.close();
      await transcription.stop();
      await subscriptions.close();
      await mail.close();
      if (redis) await Promise.all([redis.pub.quit(), redis.sub.quit(), redis.limits.quit()]);
      await db.close();
    },
  };
}
