// RSS and Atom feeds of newly archived sessions, for the town's website and feed readers.
import { Router, type Request } from 'express';
import { Feed } from 'feed';
import type { Prisma } from '../../db/database.ts';
import { baseUrl } from '../../http/respond.ts';
import type { SessionKind } from '../../protocol/enums.ts';
import { archivePage } from './data.ts';

const KIND_LABEL: Record<SessionKind, string> = {
  council_meeting: 'Zasedání zastupitelstva',
  mayor_chat: 'Chat se starostou',
  consultation: 'Veřejné projednání',
  hearing: 'Veřejné slyšení',
  board: 'Otázky na vedení města',
};

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 60_000));

export function archiveFeedRouter(deps: {
  prisma: Prisma;
  townName: string;
  publicUrl: string | undefined;
}): Router {
  const router = Router();

  async function build(req: Request): Promise<Feed> {
    const origin = baseUrl(req, deps.publicUrl);
    const { sessions } = await archivePage(deps.prisma, {});
    const feed = new Feed({
      id: `${origin}/archive`,
      title: `${deps.townName}: archiv jednání`,
      description: 'Záznamy a přepisy zasedání zastupitelstva, chatů se starostou a projednání.',
      link: `${origin}/archive`,
      language: 'cs',
      generator: 'Náměstí',
      updated: sessions[0] ? new Date(sessions[0].date) : new Date(0),
      feedLinks: { rss: `${origin}/archive.rss`, atom: `${origin}/archive.atom` },
      copyright: deps.townName,
    });
    for (const session of sessions) {
      const length = minutes(session.durationMs);
      const facts = [
        KIND_LABEL[session.kind],
        session.locality,
        length === null ? null : `${length} min`,
        session.hasTranscript ? 's přepisem' : null,
        session.officials.join(', '),
      ].filter(Boolean);
      feed.addItem({
        title: session.title,
        id: `${origin}/archive/${session.id}`,
        link: `${origin}/archive/${session.id}`,
        date: new Date(session.date),
        description: facts.join(' · '),
        category: [{ name: KIND_LABEL[session.kind] }],
      });
    }
    return feed;
  }

  router.get('/archive.rss', async (req, res) => {
    res.type('application/rss+xml; charset=utf-8').send((await build(req)).rss2());
  });
  router.get('/archive.atom', async (req, res) => {
    res.type('application/atom+xml; charset=utf-8').send((await build(req)).atom1());
  });
  return router;
}
