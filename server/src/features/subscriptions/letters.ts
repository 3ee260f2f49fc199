// The e-mails, in Czech (the town's language). Pure: each function gets everything it says and
// returns the outbox message. Every message after the confirmation ends with the manage and
// unsubscribe links, and carries List-Unsubscribe with one-click POST (RFC 8058).
import type { MailMessage } from '../mail/index.ts';
import type { SchedulableKind } from '../../protocol/enums.ts';
import {
  INVITE_CONTENT_TYPE,
  sessionInvite,
  type InviteOptions,
  type InviteSession,
} from './ics.ts';
import type { ReminderKind } from './due.ts';

export interface LetterContext {
  /** Where the links point, e.g. https://namesti.lhota.cz */
  publicUrl: string;
  townName: string;
  timeZone: string;
}

/** One subscriber, with the fresh token of this message's links. */
export interface Addressee {
  subscriptionId: string;
  email: string;
  token: string;
}

export interface LetterSession extends InviteSession {
  kind: SchedulableKind;
}

const KIND_NAMES: Record<SchedulableKind, string> = {
  council_meeting: 'Zasedání zastupitelstva',
  mayor_chat: 'Rozhovor se starostou',
  consultation: 'Veřejné projednání',
  hearing: 'Veřejné slyšení',
};

/** Plain text: paragraphs, links each on a line of their own. */
const paragraphs = (...parts: (string | null)[]) =>
  `${parts.filter((p): p is string => p !== null).join('\n\n')}\n`;

/**
 * sessionInvite, remembering the last file: every reminder of a batch carries the same one (the
 * same session object, stamp and host), and building it is most of a letter's cost.
 */
function lastInvite() {
  let last: { session: InviteSession; key: string; file: string } | null = null;
  return (session: InviteSession, options: InviteOptions): string => {
    const key = `${options.stamp.getTime()}|${options.host}|${options.url}|${options.townName}`;
    if (last?.session !== session || last.key !== key) {
      last = { session, key, file: sessionInvite(session, options) };
    }
    return last.file;
  };
}

export function createLetters({ publicUrl, townName, timeZone }: LetterContext) {
  const link = (path: string) => new URL(path, publicUrl).toString();
  const confirmLink = (token: string) => link(`/api/subscriptions/confirm?token=${token}`);
  const manageLink = (token: string) => link(`/odber/sprava?token=${token}`);
  const stopLink = (token: string) => link(`/api/subscriptions/stop?token=${token}`);
  const sessionLink = (id: string) => link(`/sessions/${id}`);
  const archiveLink = (id: string) => link(`/archive/${id}`);
  // Made once: making a formatter costs more than a letter, and a batch writes thousands.
  const whenFormat = new Intl.DateTimeFormat('cs-CZ', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  const when = (date: Date) => whenFormat.format(date);
  const invite = lastInvite();

  const unsubscribeHeaders = (token: string) => ({
    'List-Unsubscribe': `<${stopLink(token)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });

  const footer = (token: string) =>
    [
      '—',
      `Tuto zprávu dostáváte, protože odebíráte zprávy z webu ${townName}.`,
      `Změnit odběr nebo ho smazat (change or delete your subscription): ${manageLink(token)}`,
      `Odhlásit se (unsubscribe): ${stopLink(token)}`,
    ].join('\n');

  /** A message to a subscriber: the footer and headers added. */
  const letter = (
    to: Addressee,
    kind: string,
    dedupeKey: string,
    subject: string,
    body: string[],
    extra: Partial<MailMessage> = {},
  ): MailMessage => ({
    to: to.email,
    kind: `subscription.${kind}`,
    dedupeKey,
    subject,
    text: paragraphs(...body, footer(to.token)),
    headers: unsubscribeHeaders(to.token),
    ...extra,
  });

  const place = (session: LetterSession) =>
    session.locality ? `Místo: ${session.locality}` : null;

  return {
    manageLink,

    /** The only message before confirmation: the link, and nothing else. */
    confirm(to: Addressee, attempt: string): MailMessage {
      return {
        to: to.email,
        kind: 'subscription.confirm',
        dedupeKey: `subscription.confirm:${to.subscriptionId}:${attempt}`,
        subject: `Potvrďte odběr zpráv – ${townName}`,
        text: paragraphs(
          'Dobrý den,',
          `tato adresa byla přihlášena k odběru zpráv z webu ${townName}: připomínek zasedání ` +
            'a oznámení města. Potvrďte to prosím odkazem:',
          confirmLink(to.token),
          'Dokud odběr nepotvrdíte, nic dalšího vám nepošleme. Pokud jste o nic nežádali, ' +
            'e-mail smažte; nepotvrzenou adresu do týdne vymažeme.',
          townName,
        ),
        headers: unsubscribeHeaders(to.token),
      };
    },

    /** Subscribing again with a confirmed address: where to change the choices. */
    alreadySubscribed(to: Addressee, attempt: string): MailMessage {
      return letter(
        to,
        'already',
        `subscription.already:${to.subscriptionId}:${attempt}`,
        `Odběr zpráv – ${townName}`,
        [
          'Dobrý den,',
          'tato adresa už zprávy odebírá, nic jsme neměnili. Co vám posíláme, můžete změnit ' +
            'nebo odběr zrušit zde:',
          manageLink(to.token),
        ],
      );
    },

    reminder(
      to: Addressee,
      session: LetterSession,
      reminder: ReminderKind,
      options: { moved: boolean; stamp: Date; host: string },
    ): MailMessage {
      const start = session.scheduledStart;
      const name = KIND_NAMES[session.kind];
      const subject = options.moved
        ? `Změna času: ${session.title}`
        : reminder === 'reminder_1h'
          ? `Za hodinu: ${session.title}`
          : `Připomínka: ${session.title}`;
      const tag = reminder === 'reminder_1h' ? 'reminder1' : 'reminder24';
      return letter(
        to,
        'reminder',
        `session.${tag}:${session.id}:${to.subscriptionId}:${start.getTime()}`,
        subject,
        [
          'Dobrý den,',
          `${options.moved ? 'pozor, změnil se čas: ' : 'připomínáme: '}${name.toLowerCase()} ` +
            `„${session.title}“ začíná ${when(start)}.`,
          place(session),
          `Sledovat ho můžete živě a ptát se zde: ${sessionLink(session.id)}`,
          'Do kalendáře si ho přidáte z přiložené pozvánky.',
        ].filter((p): p is string => p !== null),
        {
          attachments: [
            {
              filename: 'pozvanka.ics',
              contentType: INVITE_CONTENT_TYPE,
              content: invite(session, {
                url: sessionLink(session.id),
                host: options.host,
                stamp: options.stamp,
                townName,
              }),
            },
          ],
        },
      );
    },

    live(to: Addressee, session: LetterSession, startedAt: Date): MailMessage {
      return letter(
        to,
        'live',
        `session.live:${session.id}:${to.subscriptionId}:${startedAt.getTime()}`,
        `Právě živě: ${session.title}`,
        [
          'Dobrý den,',
          `právě teď vysíláme živě: ${KIND_NAMES[session.kind].toLowerCase()} „${session.title}“. ` +
            'Sledujte a ptejte se zde:',
          sessionLink(session.id),
        ],
      );
    },

    recording(to: Addressee, session: LetterSession, transcriptReady: boolean): MailMessage {
      return letter(
        to,
        'recording',
        `session.recording:${session.id}:${to.subscriptionId}`,
        `Záznam je k dispozici: ${session.title}`,
        [
          'Dobrý den,',
          `${KIND_NAMES[session.kind]} „${session.title}“ (${when(session.scheduledStart)}) ` +
            `má záznam${transcriptReady ? ' i přepis' : ''}, najdete ho v archivu:`,
          archiveLink(session.id),
          transcriptReady
            ? 'V přepisu můžete hledat a přeskočit na místo, kde se o věci mluvilo.'
            : null,
        ].filter((p): p is string => p !== null),
      );
    },

    announcement(
      to: Addressee,
      announcement: { id: string; subject: string; text: string },
    ): MailMessage {
      return letter(
        to,
        'announcement',
        `announcement:${announcement.id}:${to.subscriptionId}`,
        announcement.subject,
        [announcement.text, townName],
      );
    },
  };
}

export type Letters = ReturnType<typeof createLetters>;
