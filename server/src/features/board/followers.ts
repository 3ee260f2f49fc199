// "Tell me when it is answered": a citizen leaves an e-mail with a board question. The address
// is confirmed by a link first (double opt-in), is never shown, and is deleted when the answer
// has been sent or the citizen unsubscribes. Links carry a random token; only its hash is kept.
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '../../db/database.ts';
import { isPublic } from '../../domain/question-queue.ts';
import type { Mail, MailMessage } from '../mail/index.ts';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A message's plain text: paragraphs, then the links each on a line of its own. */
const lines = (...parts: string[]) => `${parts.join('\n\n')}\n`;

export function createBoardFollowers(deps: {
  prisma: Prisma;
  mail: Pick<Mail, 'enqueue' | 'nudge'>;
  /** Where the links point, e.g. https://namesti.lhota.cz */
  publicUrl: string;
  townName: string;
}) {
  const { prisma, mail, publicUrl, townName } = deps;
  const link = (path: string) => new URL(path, publicUrl).toString();
  const stopLink = (token: string) => link(`/api/board/follow/stop?token=${token}`);
  const unsubscribeHeaders = (token: string): MailMessage['headers'] => ({
    'List-Unsubscribe': `<${stopLink(token)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });

  return {
    /** Stores the address unconfirmed and sends the confirmation link (once per address). */
    async follow(questionId: string, email: string, questionText: string) {
      const token = randomBytes(24).toString('base64url');
      const address = email.toLowerCase();
      await prisma.$transaction(async (tx) => {
        const created = await tx.questionFollower.createManyAndReturn({
          data: [{ questionId, email: address, tokenHash: hashOf(token) }],
          skipDuplicates: true,
        });
        if (created.length === 0) return; // asked to follow twice: the first link stands
        await mail.enqueue(tx, {
          to: address,
          kind: 'board.follow-confirm',
          dedupeKey: `board.follow-confirm:${created[0]!.id}`,
          subject: `Potvrďte odběr odpovědi – ${townName}`,
          text: lines(
            'Dobrý den,',
            `u otázky „${questionText}“ jste nechali e-mail, abychom vám poslali odpověď. ` +
              'Potvrďte to prosím odkazem:',
            link(`/api/board/follow/confirm?token=${token}`),
            'Pokud jste o nic nežádali, e-mail smažte; bez potvrzení vám nic nepošleme a adresu ' +
              'po odeslání odpovědi vymažeme.',
            townName,
          ),
          headers: unsubscribeHeaders(token),
        });
      });
      mail.nudge();
    },

    /** The question the confirmed follow belongs to (and whether the public may see it yet:
     * a citizen often confirms before a moderator has approved), or null for an unknown link. */
    async confirm(token: string): Promise<{ questionId: string; listed: boolean } | null> {
      const follower = await prisma.questionFollower.findUnique({
        where: { tokenHash: hashOf(token) },
        include: { question: { select: { status: true } } },
      });
      if (!follower) return null;
      if (!follower.confirmedAt) {
        await prisma.questionFollower.update({
          where: { id: follower.id },
          data: { confirmedAt: new Date() },
        });
      }
      return { questionId: follower.questionId, listed: isPublic(follower.question.status) };
    },

    /** Forgets the address; true when there was one. */
    async stop(token: string): Promise<boolean> {
      const { count } = await prisma.questionFollower.deleteMany({
        where: { tokenHash: hashOf(token) },
      });
      return count > 0;
    },

    /** After an answer: an e-mail to each confirmed follower, then every address is deleted. */
    async answered(questionId: string) {
      const question = await prisma.question.findUnique({
        where: { id: questionId },
        select: {
          text: true,
          answerText: true,
          answeredBy: { select: { name: true, roleTitle: true } },
        },
      });
      if (!question) return;
      const page = link(`/otazky/${questionId}`);
      const signed = question.answeredBy
        ? `${question.answeredBy.name}, ${question.answeredBy.roleTitle}`
        : townName;
      await prisma.$transaction(async (tx) => {
        const followers = await tx.questionFollower.findMany({ where: { questionId } });
        for (const follower of followers.filter((f) => f.confirmedAt)) {
          // The last message: the address is deleted below, so there is nothing to unsubscribe.
          await mail.enqueue(tx, {
            to: follower.email,
            kind: 'board.answered',
            dedupeKey: `board.answered:${questionId}:${follower.id}`,
            subject: `Odpověď na vaši otázku – ${townName}`,
            text: lines(
              'Dobrý den,',
              `na otázku „${question.text}“ přišla odpověď:`,
              question.answerText ?? '(odpověď bez textu, viz stránka otázky)',
              `— ${signed}`,
              `Celá odpověď: ${page}`,
              'Vaši e-mailovou adresu jsme tímto smazali; další zprávy k této otázce nepřijdou.',
            ),
          });
        }
        await tx.questionFollower.deleteMany({ where: { questionId } });
      });
      mail.nudge();
    },
  };
}

export type BoardFollowers = ReturnType<typeof createBoardFollowers>;
