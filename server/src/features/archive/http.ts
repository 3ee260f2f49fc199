// REST for the archive: the list of ended sessions, one session's replay, search, transcript
// exports (public), and for staff: captions import, sentence corrections and chapters.
import express, { Router } from 'express';
import type { Prisma } from '../../db/database.ts';
import { MAX_CAPTIONS_BYTES, toPlainText, toWebVtt } from '../../domain/captions.ts';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import { body } from '../../http/respond.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  archiveQuerySchema,
  chaptersSchema,
  searchQuerySchema,
  segmentEditSchema,
  speakerRangeSchema,
} from '../../protocol/archive.ts';
import { authorize, say } from '../auth/actor.ts';
import type { TranscriptService } from '../transcripts/service.ts';
import type { TranscriptionJobs } from '../transcripts/jobs.ts';
import { archivePage, findReplay } from './data.ts';
import { searchArchive } from './search.ts';
import { questionsCsv } from './questions-csv.ts';

interface Deps {
  prisma: Prisma;
  clock: Clock;
  transcripts: TranscriptService;
  transcription: Pick<TranscriptionJobs, 'enabled' | 'enqueue'>;
}

const CAPTION_TYPES = ['text/vtt', 'application/x-subrip', 'text/srt', 'text/plain'];

export function archiveRouter({ prisma, clock, transcripts, transcription }: Deps): Router {
  const transcriptionOn = transcription.enabled;
  const router = Router();

  const replayOf = async (id: string, locale: 'cs' | 'en') => {
    const replay = await findReplay(prisma, id, { now: clock.now(), transcriptionOn });
    if (!replay) throw notFound(say({ locale }, 'Záznam zasedání', 'Archived session'));
    return replay;
  };

  router.get('/archive', async (req, res) => {
    const query = parseInput(archiveQuerySchema, req.query, actorOf(res).locale);
    res.json(await archivePage(prisma, query));
  });

  router.get('/archive/:id', async (req, res) => {
    res.json(await replayOf(uuidParam(req.params.id), actorOf(res).locale));
  });

  router.get('/search', async (req, res) => {
    const query = parseInput(searchQuerySchema, req.query, actorOf(res).locale);
    res.json(await searchArchive(prisma, query));
  });

  // Exports of the transcript, for subtitles in other players and for the record.
  for (const format of ['vtt', 'txt'] as const) {
    router.get(`/sessions/:id/transcript.${format}`, async (req, res) => {
      const id = uuidParam(req.params.id);
      const { segments } = await replayOf(id, actorOf(res).locale);
      if (segments.length === 0) throw notFound(say(actorOf(res), 'Přepis', 'Transcript'));
      res
        .type(format === 'vtt' ? 'text/vtt; charset=utf-8' : 'text/plain; charset=utf-8')
        .set('Content-Disposition', `inline; filename="transcript-${id}.${format}"`)
        .send(
          format === 'vtt'
            ? toWebVtt(segments, { speakers: true })
            : toPlainText(segments, { timestamps: true }),
        );
    });
  }

  // The archived session's public questions with their answers, for the record.
  router.get('/sessions/:id/questions.csv', async (req, res) => {
    const id = uuidParam(req.params.id);
    const { questions } = await replayOf(id, actorOf(res).locale);
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="questions-${id}.csv"`)
      .send(questionsCsv(questions));
  });

  router.post(
    '/sessions/:id/transcript/captions',
    express.text({ type: CAPTION_TYPES, limit: MAX_CAPTIONS_BYTES }),
    async (req, res) => {
      const text = typeof req.body === 'string' ? req.body : '';
      const result = await transcripts.importCaptions(actorOf(res), uuidParam(req.params.id), text);
      res.status(201).json(result);
    },
  );

  // Transcribe (again) from the recording, e.g. after a failure or with a better model.
  router.post('/sessions/:id/transcript/transcribe', async (req, res) => {
    const actor = actorOf(res);
    authorize(actor, 'session.manage');
    const id = uuidParam(req.params.id);
    if (!transcriptionOn) {
      throw new AppError(
        'unavailable',
        say(actor, 'Přepis řeči není na tomto serveru zapnutý.', 'Speech to text is off here.'),
      );
    }
    const recording = await prisma.recording.findUnique({ where: { sessionId: id } });
    if (recording?.status !== 'ready') {
      throw new AppError(
        'invalid_transition',
        say(actor, 'Zasedání nemá hotový záznam.', 'The session has no finished recording.'),
      );
    }
    await transcription.enqueue(id);
    res.status(202).json({ status: 'queued' });
  });

  router.patch('/sessions/:id/transcript/segments/:segmentId', async (req, res) => {
    const patch = body(segmentEditSchema, req, res);
    res.json(
      await transcripts.editSegment(
        actorOf(res),
        uuidParam(req.params.id),
        uuidParam(req.params.segmentId),
        patch,
      ),
    );
  });

  router.put('/sessions/:id/transcript/speaker', async (req, res) => {
    const input = body(speakerRangeSchema, req, res);
    res.json(await transcripts.assignSpeaker(actorOf(res), uuidParam(req.params.id), input));
  });

  router.put('/sessions/:id/chapters', async (req, res) => {
    const input = body(chaptersSchema, req, res);
    const rows = await transcripts.replaceChapters(actorOf(res), uuidParam(req.params.id), input);
    res.json(
      rows.map((c) => ({
        id: c.id,
        title: c.title,
        agendaItemId: c.agendaItemId,
        startMs: c.startMs,
      })),
    );
  });

  return router;
}
