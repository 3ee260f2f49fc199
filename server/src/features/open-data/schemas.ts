// The open-data API's answers: zod schemas that every response passes through before it leaves
// (so nothing undocumented is ever published) and from which the OpenAPI document is generated
// (openapi.ts). Each named shape is registered under its OpenAPI component name.
import { z } from 'zod';
import { SEARCH_KINDS } from '../../protocol/archive.ts';
import { SESSION_KINDS, SESSION_STATUSES, type SessionKind } from '../../protocol/enums.ts';
import { ERROR_CODES } from '../../protocol/errors.ts';
import { POLL_KINDS } from '../../protocol/polls.ts';

/** Between the Czech and the English text of a description (two Markdown paragraphs). */
export const BILINGUAL_SEPARATOR = '\n\n';

/** A description in Czech, then English: `.meta(bi('…', '…'))`. */
export const bi = (cs: string, en: string) => ({
  description: `${cs}${BILINGUAL_SEPARATOR}${en}`,
});

/** The named shapes of the document, by component name. */
export const openDataComponents = z.registry<{ id: string }>();

function component<S extends z.ZodType>(id: string, schema: S, cs: string, en: string): S {
  const described = schema.meta(bi(cs, en));
  openDataComponents.add(described as z.ZodType, { id });
  return described;
}

/** Every kind a session has: the ones staff schedule and the standing question board. */
export const ALL_SESSION_KINDS = [
  ...SESSION_KINDS,
  'board',
] as const satisfies readonly SessionKind[];

const uuid = () => z.uuid();
const instant = () => z.iso.datetime();
const count = () => z.int().min(0);
const path = (cs: string, en: string) =>
  z.string().meta(bi(`${cs} (cesta na tomto serveru)`, `${en} (a path on this server)`));

const pageFields = (noun: [string, string]) => ({
  total: count().meta(
    bi(`Počet všech ${noun[0]}, ne jen na této stránce`, `All ${noun[1]}, not only this page's`),
  ),
  page: z.int().min(1).meta(bi('Číslo stránky (od 1)', 'Page number (from 1)')),
  pageSize: z
    .int()
    .min(1)
    .meta(bi('Nejvýše položek na stránce', 'At most this many items per page')),
});

const sessionKind = () =>
  z
    .enum(ALL_SESSION_KINDS)
    .meta(
      bi(
        'Druh: zasedání zastupitelstva, chat se starostou, veřejné projednání, veřejné slyšení, stálá nástěnka dotazů na vedení města',
        'Kind: council meeting, mayor’s chat, public consultation, public hearing, the standing board of questions to the town’s leadership',
      ),
    );

export const officialSchema = component(
  'Official',
  z.object({
    id: uuid(),
    name: z.string().meta(bi('Jméno', 'Name')),
    roleTitle: z.string().meta(bi('Funkce, např. „starosta“', 'Role, e.g. “mayor”')),
    bio: z.string().meta(bi('Krátký medailonek', 'Short biography')),
    department: z
      .object({ id: uuid(), name: z.string() })
      .nullable()
      .meta(bi('Odbor úřadu', 'Department of the town hall')),
    photoUrl: path('Fotografie', 'Photo').nullable(),
    sortOrder: z.int().meta(bi('Pořadí v adresáři', 'Order in the directory')),
  }),
  'Zastupitel, úředník nebo jiná osoba, která na zasedáních vystupuje',
  'A councillor, clerk or other official who takes part in sessions',
);

export const officialListSchema = component(
  'OfficialList',
  z.object({ officials: z.array(officialSchema) }),
  'Osoby v adresáři města, v jeho pořadí',
  'The officials in the town’s directory, in its order',
);

export const agendaItemSchema = component(
  'AgendaItem',
  z.object({
    id: uuid(),
    position: z.int().min(0).meta(bi('Pořadí v programu', 'Position in the agenda')),
    title: z.string().meta(bi('Název bodu', 'Title of the item')),
    description: z.string().meta(bi('Popis bodu (může být prázdný)', 'Description (may be empty)')),
    offsetMinutes: z
      .int()
      .nullable()
      .meta(bi('Plánovaný začátek v minutách od začátku zasedání', 'Planned start, minutes in')),
  }),
  'Bod programu zasedání',
  'An item of a session’s agenda',
);

const sessionFields = {
  id: uuid(),
  kind: sessionKind(),
  title: z.string().meta(bi('Název', 'Title')),
  locality: z
    .string()
    .meta(bi('Část obce nebo místo (může být prázdné)', 'Locality (may be empty)')),
  status: z
    .enum(SESSION_STATUSES)
    .meta(bi('Naplánované, živě, skončené, zrušené', 'Scheduled, live, ended, cancelled')),
  scheduledStart: instant().meta(bi('Plánovaný začátek (UTC)', 'Scheduled start (UTC)')),
  scheduledEnd: instant().meta(bi('Plánovaný konec (UTC)', 'Scheduled end (UTC)')),
  startedAt: instant().nullable().meta(bi('Skutečný začátek', 'Actual start')),
  endedAt: instant().nullable().meta(bi('Skutečný konec', 'Actual end')),
  seriesId: uuid()
    .nullable()
    .meta(bi('Opakovaná řada, do které zasedání patří', 'The recurring series it belongs to')),
  updatedAt: instant().meta(bi('Poslední změna', 'Last change')),
};

export const sessionSchema = component(
  'Session',
  z.object(sessionFields),
  'Zasedání, chat se starostou, projednání nebo slyšení',
  'A session: council meeting, mayor’s chat, consultation or hearing',
);

export const sessionListSchema = component(
  'SessionList',
  z.object({
    sessions: z.array(sessionSchema),
    ...pageFields(['zasedání', 'sessions']),
  }),
  'Stránka zasedání, od nejnovějšího plánovaného začátku',
  'A page of sessions, latest scheduled start first',
);

export const sessionDetailSchema = component(
  'SessionDetail',
  z.object({
    ...sessionFields,
    description: z.string().meta(bi('Popis zasedání', 'Description of the session')),
    cancelReason: z.string().nullable().meta(bi('Proč bylo zrušeno', 'Why it was cancelled')),
    agenda: z.array(agendaItemSchema),
    hosts: z.array(officialSchema).meta(bi('Kdo zasedání vede', 'Who hosts the session')),
    recording: z
      .object({
        status: z
          .enum(['none', 'recording', 'processing', 'ready', 'failed'])
          .meta(
            bi(
              'Žádný, nahrává se, zpracovává se, hotový, selhal',
              'None, recording, processing, ready, failed',
            ),
          ),
        durationMs: count().nullable().meta(bi('Délka v milisekundách', 'Length in milliseconds')),
        url: path('Záznam MP4, když je hotový', 'The MP4 recording once ready').nullable(),
      })
      .meta(bi('Videozáznam', 'Video recording')),
    transcript: z
      .object({
        vttUrl: path('Přepis jako WebVTT', 'Transcript as WebVTT'),
        txtUrl: path('Přepis jako prostý text', 'Transcript as plain text'),
      })
      .nullable()
      .meta(bi('Přepis řeči, když je hotový', 'The speech transcript, when there is one')),
    links: z
      .object({
        web: path('Stránka zasedání', 'The session’s page'),
        questions: path('Jeho veřejné dotazy', 'Its public questions'),
        polls: path('Jeho uzavřené ankety', 'Its closed polls'),
        calendar: path('Událost do kalendáře (iCalendar)', 'Calendar event (iCalendar)'),
      })
      .meta(bi('Odkazy', 'Links')),
  }),
  'Zasedání s programem, hostiteli, záznamem a přepisem',
  'A session with its agenda, hosts, recording and transcript',
);

export const archiveSessionSchema = component(
  'ArchiveSession',
  z.object({
    id: uuid(),
    kind: sessionKind(),
    title: z.string().meta(bi('Název', 'Title')),
    locality: z.string().meta(bi('Místo (může být prázdné)', 'Locality (may be empty)')),
    date: instant().meta(bi('Kdy začalo', 'When it started')),
    durationMs: count().nullable().meta(bi('Délka v milisekundách', 'Length in milliseconds')),
    hasRecording: z.boolean().meta(bi('Má hotový videozáznam', 'Has a finished recording')),
    posterUrl: path('Snímek ze záznamu (JPEG)', 'A still from the recording (JPEG)').nullable(),
    hasTranscript: z.boolean().meta(bi('Má hotový přepis', 'Has a finished transcript')),
    questionCount: count().meta(bi('Veřejné dotazy', 'Public questions')),
    voteCount: count().meta(bi('Hlasy pro dotazy', 'Votes for questions')),
    officials: z.array(z.string()).meta(bi('Jména hostitelů', 'The hosts’ names')),
  }),
  'Skončené zasedání v archivu',
  'An ended session in the archive',
);

export const archivePageSchema = component(
  'ArchivePage',
  z.object({
    sessions: z.array(archiveSessionSchema),
    ...pageFields(['zasedání', 'sessions']),
    years: z.array(z.int()).meta(bi('Roky, ve kterých archiv má zasedání', 'Years with sessions')),
    localities: z
      .array(z.string())
      .meta(bi('Místa, která archiv zná', 'Localities the archive knows')),
  }),
  'Stránka archivu, od nejnovějšího',
  'A page of the archive, newest first',
);

export const searchHitSchema = component(
  'SearchHit',
  z.object({
    kind: z
      .enum(SEARCH_KINDS)
      .meta(
        bi(
          'Kde se našlo: název, bod programu, dotaz, věta přepisu',
          'Where: title, agenda, question, sentence',
        ),
      ),
    sessionId: uuid(),
    sessionTitle: z.string().meta(bi('Název zasedání', 'Title of the session')),
    sessionKind: sessionKind(),
    sessionDate: instant().meta(bi('Den zasedání', 'Day of the session')),
    seconds: count()
      .nullable()
      .meta(bi('Sekunda záznamu, kde začít přehrávat', 'Second of the recording to start at')),
    speaker: z.string().nullable().meta(bi('Kdo větu řekl', 'Who said the sentence')),
    snippet: z
      .array(z.object({ text: z.string(), hit: z.boolean() }))
      .meta(
        bi('Úryvek; části s hit=true odpovídají hledání', 'Excerpt; parts with hit=true matched'),
      ),
  }),
  'Jeden výsledek hledání',
  'One search hit',
);

export const searchResultsSchema = component(
  'SearchResults',
  z.object({
    query: z.string().meta(bi('Hledaný text', 'The text searched for')),
    hits: z.array(searchHitSchema),
    ...pageFields(['výsledků', 'hits']),
  }),
  'Výsledky hledání v archivu, od nejrelevantnějších',
  'Archive search results, most relevant first',
);

export const questionSchema = component(
  'Question',
  z.object({
    id: uuid(),
    sessionId: uuid().meta(bi('Zasedání, kde byl dotaz položen', 'The session it was asked in')),
    text: z.string().meta(bi('Znění dotazu', 'The question')),
    authorName: z
      .string()
      .nullable()
      .meta(bi('Jméno autora; null, když se ptal anonymně', 'Author’s name; null when anonymous')),
    status: z
      .enum(['approved', 'answered'])
      .meta(bi('Schválený, nebo zodpovězený', 'Approved, or answered')),
    voteCount: count().meta(bi('Hlasy občanů pro dotaz', 'Citizens’ votes for it')),
    agendaItemId: uuid().nullable().meta(bi('Bod programu, ke kterému patří', 'Its agenda item')),
    department: z
      .object({ id: uuid(), name: z.string() })
      .nullable()
      .meta(bi('Odbor, kterému byl předán', 'The department it was routed to')),
    createdAt: instant().meta(bi('Kdy byl položen', 'When it was asked')),
    approvedAt: instant().nullable().meta(bi('Kdy byl schválen', 'When it was approved')),
    answer: z
      .object({
        text: z
          .string()
          .nullable()
          .meta(
            bi('Písemná odpověď; null, když zazněla živě', 'Written answer; null if said live'),
          ),
        official: z
          .object({ id: uuid(), name: z.string(), roleTitle: z.string() })
          .nullable()
          .meta(bi('Kdo odpověděl', 'Who answered')),
        answeredAt: instant().meta(bi('Kdy byl zodpovězen', 'When it was answered')),
      })
      .nullable()
      .meta(bi('Odpověď; null, dokud nepřišla', 'The answer; null until there is one')),
  }),
  'Veřejný dotaz občana a odpověď na něj',
  'A citizen’s public question and its answer',
);

export const questionListSchema = component(
  'QuestionList',
  z.object({
    questions: z.array(questionSchema),
    ...pageFields(['dotazů', 'questions']),
  }),
  'Stránka veřejných dotazů, od nejnovějšího',
  'A page of public questions, newest first',
);

export const pollSchema = component(
  'Poll',
  z.object({
    id: uuid(),
    sessionId: uuid().meta(bi('Zasedání ankety', 'The poll’s session')),
    agendaItemId: uuid().nullable().meta(bi('Bod programu, ke kterému patří', 'Its agenda item')),
    kind: z
      .enum(POLL_KINDS)
      .meta(
        bi(
          'Jedna, více možností, hodnocení, slova, ano/ne',
          'Single, multiple, rating, words, yes/no',
        ),
      ),
    question: z.string().meta(bi('Otázka ankety', 'The poll’s question')),
    options: z
      .array(z.object({ id: uuid(), label: z.string() }))
      .meta(bi('Možnosti (u hodnocení a slov žádné)', 'Options (none for ratings and words)')),
    maxChoices: z
      .int()
      .min(1)
      .nullable()
      .meta(bi('Nejvýše voleb u více možností', 'At most this many picks (multiple choice)')),
    scale: z
      .tuple([z.int(), z.int()])
      .nullable()
      .meta(bi('Stupnice hodnocení [od, do]', 'Rating scale [min, max]')),
    openedAt: instant().nullable().meta(bi('Kdy byla spuštěna', 'When it opened')),
    closedAt: instant().meta(bi('Kdy byla uzavřena', 'When it closed')),
    results: z
      .object({
        voters: count().meta(bi('Kolik lidí odpovědělo', 'How many people answered')),
        tally: z
          .array(
            z.object({
              key: z
                .string()
                .meta(bi('Id možnosti, hodnota, nebo slovo', 'Option id, value or word')),
              label: z.string().meta(bi('Co ukázat', 'What to show')),
              count: count().meta(bi('Počet hlasů', 'Number of votes')),
            }),
          )
          .meta(bi('Počty podle možností', 'Counts per option')),
        average: z.number().nullable().meta(bi('Průměr hodnocení', 'Mean rating')),
      })
      .meta(bi('Konečné výsledky', 'Final results')),
  }),
  'Uzavřená anketa s veřejnými výsledky',
  'A closed poll with public results',
);

export const pollListSchema = component(
  'PollList',
  z.object({
    polls: z.array(pollSchema),
    ...pageFields(['anket', 'polls']),
  }),
  'Stránka uzavřených anket, od naposledy uzavřené',
  'A page of closed polls, most recently closed first',
);

export const errorSchema = component(
  'Error',
  z.object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().meta(bi('Zpráva pro lidi', 'A message for people')),
      details: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .meta(bi('Chyby podle parametru', 'Errors per parameter')),
    }),
  }),
  'Chyba',
  'An error',
);
