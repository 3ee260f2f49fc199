// A resident's side: subscribe (double opt-in), confirm, read and change the choices, and delete
// everything. A link's token names the subscription; none is needed to subscribe, and the
// answer to subscribing never tells whether the address was known.
import type { Prisma } from '../../db/database.ts';
import type { Subscription } from '../../generated/prisma/client.ts';
import { notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { LimiterFactory } from '../../lib/rate-limit.ts';
import type {
  SubscribeInput,
  SubscribeResultDto,
  SubscriptionChoices,
  SubscriptionDto,
} from '../../protocol/subscriptions.ts';
import { SESSION_KINDS, type SchedulableKind } from '../../protocol/enums.ts';
import { say, type Actor } from '../auth/actor.ts';
import type { Mail } from '../mail/index.ts';
import type { Letters } from './letters.ts';
import { forget } from './forget.ts';
import { hashOf, issueToken, subscriptionIdOf } from './tokens.ts';

export interface ResidentsDeps {
  prisma: Prisma;
  mail: Pick<Mail, 'enqueue' | 'nudge'>;
  letters: Letters;
  clock: Clock;
  limiters: LimiterFactory;
}

const choiceColumns = (choices: SubscriptionChoices) => ({
  topicIds: choices.topicIds,
  neighbourhoodIds: choices.neighbourhoodIds,
  kinds: choices.kinds,
  wantsReminders: choices.notices.reminders,
  wantsLive: choices.notices.live,
  wantsRecording: choices.notices.recording,
  wantsAnnouncements: choices.notices.announcements,
});

function toDto(row: Subscription): SubscriptionDto {
  return {
    email: row.email,
    confirmed: row.confirmedAt !== null,
    topicIds: row.topicIds,
    neighbourhoodIds: row.neighbourhoodIds,
    kinds: row.kinds.filter((kind): kind is SchedulableKind =>
      (SESSION_KINDS as readonly string[]).includes(kind),
    ),
    notices: {
      reminders: row.wantsReminders,
      live: row.wantsLive,
      recording: row.wantsRecording,
      announcements: row.wantsAnnouncements,
    },
  };
}

export function createResidents({ prisma, mail, letters, clock, limiters }: ResidentsDeps) {
  // Per address: a form cannot be used to flood someone's inbox with confirmations.
  const perAddress = limiters({ keyPrefix: 'subscribe-address', points: 3, duration: 3600 });
  const perClient = limiters({ keyPrefix: 'subscribe-client', points: 20, duration: 3600 });

  async function byToken(actor: Actor, token: string): Promise<Subscription> {
    const id = await subscriptionIdOf(prisma, token);
    const row = id ? await prisma.subscription.findUnique({ where: { id } }) : null;
    if (!row) throw notFound(say(actor, 'Odběr', 'Subscription'));
    return row;
  }

  return {
    /**
     * A new address is stored unconfirmed with its choices and gets the confirmation link; an
     * unconfirmed one gets its choices replaced and a new link; a confirmed one keeps its
     * choices (only its owner changes them, through a link) and is told where to change them.
     */
    async subscribe(
      actor: Actor,
      input: SubscribeInput,
      client: string,
    ): Promise<SubscribeResultDto> {
      const email = input.email.toLowerCase();
      await perClient.consume(client, 1, actor.locale);
      await perAddress.consume(hashOf(email), 1, actor.locale);
      const choices = choiceColumns(input);
      await prisma.$transaction(async (tx) => {
        // A concurrent subscribe of the same address: one insert wins, the other updates.
        await tx.subscription.createMany({ data: [{ email, ...choices }], skipDuplicates: true });
        const [row] = await tx.$queryRaw<{ id: string; confirmed: boolean }[]>`
          SELECT id, confirmed_at IS NOT NULL AS confirmed FROM subscriptions
          WHERE email = ${email} FOR UPDATE`;
        if (!row) throw new Error('the subscription row vanished inside its transaction');
        if (!row.confirmed) {
          await tx.subscription.update({ where: { id: row.id }, data: choices });
        }
        const token = await issueToken(tx, row.id);
        const to = { subscriptionId: row.id, email, token };
        const attempt = hashOf(token).slice(0, 16);
        await mail.enqueue(
          tx,
          row.confirmed ? letters.alreadySubscribed(to, attempt) : letters.confirm(to, attempt),
        );
      });
      mail.nudge();
      return { status: 'check_inbox' };
    },

    /** True when the token named a subscription (now confirmed). */
    async confirm(token: string): Promise<boolean> {
      const id = await subscriptionIdOf(prisma, token);
      if (!id) return false;
      await prisma.subscription.updateMany({
        where: { id, confirmedAt: null },
        data: { confirmedAt: clock.now() },
      });
      return true;
    },

    async read(actor: Actor, token: string): Promise<SubscriptionDto> {
      return toDto(await byToken(actor, token));
    },

    async update(
      actor: Actor,
      token: string,
      choices: SubscriptionChoices,
    ): Promise<SubscriptionDto> {
      const row = await byToken(actor, token);
      return toDto(
        await prisma.subscription.update({ where: { id: row.id }, data: choiceColumns(choices) }),
      );
    },

    /** Deletes the subscription and every e-mail to it; false when the token named none. */
    async remove(token: string): Promise<boolean> {
      const id = await subscriptionIdOf(prisma, token);
      if (!id) return false;
      return prisma.$transaction((tx) => forget(tx, id));
    },

    /** Addresses never confirmed are deleted a week after their last confirmation e-mail. */
    async forgetUnconfirmed(): Promise<number> {
      const stale = await prisma.subscription.findMany({
        where: {
          confirmedAt: null,
          updatedAt: { lt: new Date(clock.now().getTime() - UNCONFIRMED_KEPT_MS) },
        },
        select: { id: true },
      });
      let forgotten = 0;
      for (const { id } of stale) {
        if (await prisma.$transaction((tx) => forget(tx, id))) forgotten += 1;
      }
      return forgotten;
    },
  };
}

export const UNCONFIRMED_KEPT_MS = 7 * 24 * 3_600_000;

export type Residents = ReturnType<typeof createResidents>;
