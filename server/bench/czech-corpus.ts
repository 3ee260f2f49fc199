// A synthetic, deterministic archive of Czech town meetings for the search benchmark: sessions
// of the four kinds spread over ten years, each about two hours of transcript sentences (one
// every ~5 s, with a speaker in turns), a title, a description and six agenda items. Sentences
// are built from word lists written in their inflected forms (subjects with verb agreement,
// objects in the accusative, places in the locative, streets, amounts in Kč, dates, votes), so
// the stemmer sees the same variety it sees in real meetings. A few words are made rare on
// purpose ("vodojem", "skatepark", "hvězdárna") so the query mix has rare-word classes.
import type { SessionKind } from '../src/protocol/enums.ts';
import { seededRandom } from './stats.ts';

export interface CorpusSentence {
  /** The transcript segment's id (UUIDv7-shaped): the search row's source_id. */
  id: string;
  text: string;
  startMs: number;
  speaker: string;
}

export interface CorpusAgendaItem {
  id: string;
  title: string;
  description: string;
}

export interface CorpusSession {
  id: string;
  index: number;
  kind: SessionKind;
  title: string;
  description: string;
  start: Date;
  end: Date;
  agenda: CorpusAgendaItem[];
  sentences: CorpusSentence[];
}

export interface ArchiveShape {
  sessions: number;
  firstDay: Date;
  days: number;
}

/** Sessions last about this long (±30 min). */
const SESSION_HOURS = 2;
/** A sentence every ~5.1 s on average: ~700 sentences an hour, ~1,400 a session. */
const SENTENCE_MS = { min: 2_600, max: 7_700 };
const FIRST_DAY = Date.UTC(2015, 0, 5);
const YEARS = 10;

export function archiveShape(hours: number): ArchiveShape {
  return {
    sessions: Math.max(1, Math.round(hours / SESSION_HOURS)),
    firstDay: new Date(FIRST_DAY),
    days: Math.round(YEARS * 365.25),
  };
}

// ---- word lists ----------------------------------------------------------------------------------

type Gender = 'm' | 'f' | 'n' | 'p';

const SUBJECTS: ReadonlyArray<readonly [string, Gender]> = [
  ['zastupitelstvo', 'n'],
  ['zastupitelstvo města', 'n'],
  ['město', 'n'],
  ['vedení města', 'n'],
  ['rada města', 'f'],
  ['komise pro dopravu', 'f'],
  ['paní starostka', 'f'],
  ['místostarostka', 'f'],
  ['stavební komise', 'f'],
  ['starosta', 'm'],
  ['finanční výbor', 'm'],
  ['kontrolní výbor', 'm'],
  ['odbor dopravy', 'm'],
  ['pan radní', 'm'],
  ['stavební úřad', 'm'],
  ['odbor investic', 'm'],
  ['zastupitelé', 'p'],
  ['radní', 'p'],
  ['občané', 'p'],
  ['obyvatelé sídliště', 'p'],
];

/** [past stem (m), present sg, present pl, future sg, future pl] */
const VERBS: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ['schválil', 'schvaluje', 'schvalují', 'schválí', 'schválí'],
  ['projednal', 'projednává', 'projednávají', 'projedná', 'projednají'],
  ['odložil', 'odkládá', 'odkládají', 'odloží', 'odloží'],
  ['zamítl', 'zamítá', 'zamítají', 'zamítne', 'zamítnou'],
  ['navrhl', 'navrhuje', 'navrhují', 'navrhne', 'navrhnou'],
  ['podpořil', 'podporuje', 'podporují', 'podpoří', 'podpoří'],
  ['doporučil', 'doporučuje', 'doporučují', 'doporučí', 'doporučí'],
  ['připravil', 'připravuje', 'připravují', 'připraví', 'připraví'],
  ['zadal', 'zadává', 'zadávají', 'zadá', 'zadají'],
  ['prověřil', 'prověřuje', 'prověřují', 'prověří', 'prověří'],
  ['kritizoval', 'kritizuje', 'kritizují', 'bude kritizovat', 'budou kritizovat'],
  ['požadoval', 'požaduje', 'požadují', 'bude požadovat', 'budou požadovat'],
];

const PAST_SUFFIX: Record<Gender, string> = { m: '', f: 'a', n: 'o', p: 'i' };

/** Objects in the accusative; {year} {n} {parcel} are filled in. */
const OBJECTS = [
  'rozpočet na rok {year}',
  'návrh rozpočtu na rok {year}',
  'rozpočtové opatření č. {n}',
  'opravu chodníku',
  'rekonstrukci základní školy',
  'rekonstrukci mateřské školky',
  'výstavbu parkoviště',
  'nové parkoviště',
  'rozšíření parkoviště',
  'regulaci parkování',
  'zónu placeného parkování',
  'opravu místní komunikace',
  'úpravu křižovatky',
  'nový přechod pro chodce',
  'výměnu veřejného osvětlení',
  'prodej pozemku parc. č. {parcel}',
  'pronájem nebytových prostor',
  'dotaci pro sportovní kluby',
  'smlouvu o dílo se zhotovitelem',
  'zadávací dokumentaci',
  'změnu územního plánu',
  'zprávu o hospodaření města',
  'závěrečný účet města za rok {year}',
  'program zasedání',
  'obnovu dětského hřiště',
  'výsadbu stromů',
  'opravu kanalizace',
  'zateplení budovy školy',
  'revitalizaci náměstí',
  'opravu dlažby na náměstí',
  'rozšíření cyklostezky',
  'nákup nového hasičského vozu',
  'opravu střechy kulturního domu',
  'harmonogram prací',
  'vyhlášku o nočním klidu',
  'jízdní řád městské dopravy',
  'novou autobusovou zastávku',
  'parkovací dům u nádraží',
];

/** Rare objects, picked by a Zipf law: the first often, the last about 1 in 70 times. */
const RARE_OBJECTS = [
  'opravu mostu přes řeku',
  'nový sběrný dvůr',
  'opravu koupaliště',
  'rekonstrukci zimního stadionu',
  'psí útulek',
  'bezbariérový přístup na poštu',
  'čistírnu odpadních vod',
  'kompostárnu',
  'obnovu sochy svatého Floriána',
  'opravu kašny na náměstí',
  'stavbu skateparku',
  'novou lávku pro pěší',
  'opravu varhan v kostele',
  'opravu vodojemu',
  'včelí hotel u školy',
];

/** Very rare (about once in 60,000 sentences): a handful of hits in 1,000 hours. */
const VERY_RARE_OBJECTS = ['rekonstrukci hvězdárny', 'přestavbu bývalé sladovny'];

/** Projects in the nominative, all feminine (for "bude dokončena"). */
const PROJECTS = [
  'oprava chodníku',
  'rekonstrukce školy',
  'výstavba parkoviště',
  'revitalizace náměstí',
  'oprava kanalizace',
  'stavba cyklostezky',
  'rekonstrukce mateřské školky',
  'úprava křižovatky',
  'oprava místní komunikace',
  'výměna veřejného osvětlení',
  'výsadba stromů',
  'regulace parkování',
  'oprava dlažby',
  'rekonstrukce nádraží',
];

const STREETS = [
  'Husova',
  'Palackého',
  'Masarykova',
  'Nádražní',
  'Školní',
  'Komenského',
  'Jiráskova',
  'Tyršova',
  'Smetanova',
  'Nerudova',
  'Havlíčkova',
  'Žižkova',
  'Riegrova',
  'Sokolská',
  'Zahradní',
  'Polní',
  'Lipová',
  'Lesní',
  'Krátká',
  'Dlouhá',
  'Jungmannova',
  'Purkyňova',
  'Wolkerova',
  'Dvořákova',
  'Fügnerova',
  'Karlova',
  'Husitská',
  'Mírová',
  'Vítězná',
  'Pražská',
  'Brněnská',
  'Olomoucká',
  'Luční',
  'Družstevní',
  'Tovární',
  'Zámecká',
  'Kostelní',
  'Farní',
  'Sadová',
  'Bezručova',
  'Čapkova',
  'Tylova',
  'Mánesova',
  'Alšova',
  'Nová',
  'Hřbitovní',
  'Revoluční',
  'Štefánikova',
  'Rooseveltova',
  'U Stadionu',
];

const VILLAGES = ['Horní Ves', 'Dolní Lhota', 'Zálesí', 'Podhradí', 'Nová Ves', 'Loučky'];

/** Places (prepositional phrases); {street} {village} are filled in. */
const PLACES = [
  'u nádraží',
  'u vlakového nádraží',
  'u autobusového nádraží',
  'před nádražím',
  'na náměstí',
  'na Masarykově náměstí',
  'na Palackého náměstí',
  'v Husově ulici',
  'v Palackého ulici',
  'v Nádražní ulici',
  'u základní školy',
  'u mateřské školky',
  've školce',
  'na sídlišti',
  'na sídlišti Jih',
  'u parkoviště',
  'na parkovišti u nemocnice',
  'u hřbitova',
  'v centru města',
  'u nemocnice',
  'u kulturního domu',
  'v průmyslové zóně',
  'u zimního stadionu',
  'v místní části {village}',
  'v ulici {street}',
  'v ulici {street}',
  'v ulici {street}',
  'na konci ulice {street}',
];

const PROBLEMS = [
  'hluk z dopravy',
  'nedostatek parkovacích míst',
  'rozbitý chodník',
  'prach ze stavby',
  'rychlou jízdu aut',
  'nepořádek kolem kontejnerů',
  'chybějící přechod pro chodce',
  'špatné osvětlení',
  'dlouhé čekání na autobus',
  'parkování na trávě',
  'výtluky na silnici',
];

const REASONS = [
  'je příliš drahý',
  'nebyl projednán s občany',
  'chybí studie proveditelnosti',
  'neřeší parkování u nádraží',
  'odporuje územnímu plánu',
  'nemáme na něj v rozpočtu peníze',
];

const MONTHS_LOC = [
  'lednu',
  'únoru',
  'březnu',
  'dubnu',
  'květnu',
  'červnu',
  'červenci',
  'srpnu',
  'září',
  'říjnu',
  'listopadu',
  'prosinci',
];
const MONTHS_GEN = [
  'ledna',
  'února',
  'března',
  'dubna',
  'května',
  'června',
  'července',
  'srpna',
  'září',
  'října',
  'listopadu',
  'prosince',
];

const PROCEDURE = [
  'Děkuji za slovo.',
  'Děkuji.',
  'Přistoupíme k hlasování.',
  'Kdo je pro?',
  'Kdo je proti?',
  'Zdržel se někdo hlasování?',
  'Návrh byl přijat.',
  'Návrh nebyl přijat.',
  'Má někdo další dotaz?',
  'Prosím, máte slovo.',
  'Dobrý večer, vítám vás na dnešním zasedání zastupitelstva.',
  'Zasedání zastupitelstva je usnášeníschopné.',
  'Předávám slovo panu starostovi.',
  'Děkuji, předávám slovo zastupitelstvu.',
  'Budeme pokračovat dalším bodem programu.',
  'Vyhlašuji desetiminutovou přestávku.',
  'Hlasování: pro {a}, proti {b}, zdrželo se {c}.',
  'Usnesení č. {n}/{year} bylo schváleno.',
  'Přecházíme k bodu {k} programu.',
  'Materiál jste dostali v podkladech.',
  'Návrh předložený zastupitelstvu obsahoval chyby.',
  'Na minulém zasedání zastupitelstva jsme o tom už jednali.',
  'Zápis z minulého zasedání byl ověřen bez připomínek.',
  'Technická poznámka, prosím.',
  'Slyšíte mě?',
  'Mikrofon asi nefunguje.',
  'Prosím o klid v sále.',
  'S rozpočtem na příští rok počítáme.',
];

const FIRST_NAMES_M = [
  'Petr',
  'Tomáš',
  'Martin',
  'Jiří',
  'Pavel',
  'Josef',
  'Karel',
  'Jan',
  'Lukáš',
];
const FIRST_NAMES_F = ['Jana', 'Eva', 'Lucie', 'Kateřina', 'Marie', 'Hana', 'Zuzana', 'Tereza'];
const SURNAMES_M = [
  'Novák',
  'Svoboda',
  'Dvořák',
  'Černý',
  'Procházka',
  'Kučera',
  'Veselý',
  'Horák',
  'Němec',
  'Marek',
  'Pospíšil',
  'Hájek',
  'Král',
  'Beneš',
];
/** Surnames whose dative is the name + "ovi" (not "Černý", not "Marek" with its mobile e). */
const DATIVE_SURNAMES_M = SURNAMES_M.filter((name) => !/(ý|ek)$/.test(name));
const SURNAMES_F = [
  'Nováková',
  'Svobodová',
  'Dvořáková',
  'Černá',
  'Procházková',
  'Kučerová',
  'Veselá',
  'Horáková',
  'Němcová',
  'Marková',
  'Pospíšilová',
  'Hájková',
  'Králová',
  'Benešová',
];

const KINDS: ReadonlyArray<readonly [SessionKind, number]> = [
  ['council_meeting', 0.5],
  ['mayor_chat', 0.2],
  ['consultation', 0.15],
  ['hearing', 0.15],
];

// ---- generation ----------------------------------------------------------------------------------

type Random = () => number;

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Index by a Zipf law with exponent 1: index 0 the commonest. */
function zipf(random: Random, n: number): number {
  let total = 0;
  for (let i = 1; i <= n; i++) total += 1 / i;
  let x = random() * total;
  for (let i = 1; i <= n; i++) {
    x -= 1 / i;
    if (x <= 0) return i - 1;
  }
  return n - 1;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "1 250 000": Czech thousands separators. */
function amount(random: Random): string {
  const digits = int(random, 5, 8);
  const value = Math.round(((random() * 9 + 1) * 10 ** (digits - 1)) / 1000) * 1000;
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function hexOf(random: Random, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** A UUIDv7-shaped id from a millisecond stamp and the generator: sorted like Prisma's uuid(7). */
export function uuid7(ms: number, random: Random): string {
  const time = ms.toString(16).padStart(12, '0');
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hexOf(random, 3)}-` +
    `${variant}${hexOf(random, 3)}-${hexOf(random, 12)}`
  );
}

class SentenceMaker {
  readonly #random: Random;
  year = 2020;

  constructor(random: Random) {
    this.#random = random;
  }

  fill(template: string): string {
    const r = this.#random;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => {
      switch (name) {
        case 'year':
          return String(this.year + int(r, -1, 1));
        case 'n':
          return String(int(r, 1, 40));
        case 'k':
          return String(int(r, 1, 12));
        case 'a':
          return String(int(r, 8, 21));
        case 'b':
          return String(int(r, 0, 7));
        case 'c':
          return String(int(r, 0, 4));
        case 'parcel':
          return `${int(r, 100, 3999)}/${int(r, 1, 30)}`;
        case 'street':
          return pick(r, STREETS);
        case 'village':
          return pick(r, VILLAGES);
        default:
          return name;
      }
    });
  }

  object(): string {
    const r = this.#random;
    const roll = r();
    if (roll < 1 / 60_000) return pick(r, VERY_RARE_OBJECTS);
    if (roll < 0.04) return RARE_OBJECTS[zipf(r, RARE_OBJECTS.length)]!;
    return this.fill(pick(r, OBJECTS));
  }

  place(): string {
    return this.fill(pick(this.#random, PLACES));
  }

  clause(): string {
    const r = this.#random;
    const [subject, gender] = pick(r, SUBJECTS);
    const [past, presSg, presPl, futSg, futPl] = pick(r, VERBS);
    const plural = gender === 'p';
    const tense = r();
    const verb =
      tense < 0.5
        ? past + PAST_SUFFIX[gender]
        : tense < 0.8
          ? plural
            ? presPl
            : presSg
          : plural
            ? futPl
            : futSg;
    return `${subject} ${verb} ${this.object()}`;
  }

  /** Someone in the dative: "panu Novákovi", "paní Horákové". */
  thanked(): string {
    const r = this.#random;
    return r() < 0.5
      ? `panu ${pick(r, DATIVE_SURNAMES_M)}ovi`
      : `paní ${pick(r, SURNAMES_F).replace(/á$/, 'é')}`;
  }

  sentence(kind: SessionKind): string {
    const r = this.#random;
    const roll = r();
    const procedure = kind === 'council_meeting' ? 0.3 : 0.15;
    let text: string;
    if (roll < procedure) {
      text = this.fill(pick(r, PROCEDURE));
    } else if (roll < procedure + 0.3) {
      text = `${this.clause()} ${this.place()}.`;
    } else if (roll < procedure + 0.38) {
      text = `${this.clause()} za ${amount(r)} Kč.`;
    } else if (roll < procedure + 0.44) {
      text = this.fill(
        pick(r, [
          'Celkové náklady činí {amount} Kč bez DPH.',
          'Město na to získalo dotaci ve výši {amount} Kč.',
          'V rozpočtu je na to vyčleněno {amount} korun.',
          'Odhadovaná cena je {m} milionů korun.',
        ])
          .replace('{amount}', amount(r))
          .replace('{m}', String(int(r, 2, 90))),
      );
    } else if (roll < procedure + 0.56) {
      const project = pick(r, PROJECTS);
      text = pick(r, [
        `Kdy bude dokončena ${project} ${this.place()}?`,
        `Kolik bude stát ${project} ${this.place()}?`,
        `Proč se tak dlouho odkládá ${project} ${this.place()}?`,
        `Kdy začne ${project} ${this.place()}?`,
      ]);
    } else if (roll < procedure + 0.66) {
      text = pick(r, [
        `Myslím, že ${pick(r, PROJECTS)} ${this.place()} je potřeba řešit co nejdříve.`,
        `Občané si stěžují na ${pick(r, PROBLEMS)} ${this.place()}.`,
        `Dostali jsme petici, kterou podepsalo ${int(r, 50, 2500)} občanů.`,
        'Souhlasím s předřečníkem.',
        `Nesouhlasím s tímto návrhem, protože ${pick(r, REASONS)}.`,
        `Chtěl bych poděkovat ${this.thanked()} za spolupráci.`,
      ]);
    } else if (roll < procedure + 0.74) {
      const month = int(r, 0, 11);
      text = pick(r, [
        `Práce začnou v ${MONTHS_LOC[month]} a potrvají ${int(r, 2, 18)} měsíců.`,
        `Termín dokončení je ${int(r, 1, 28)}. ${MONTHS_GEN[month]} ${this.year + int(r, 0, 2)}.`,
        `Stavba by měla být hotová do konce roku ${this.year + int(r, 0, 2)}.`,
        `Zhotovitele vybereme v ${MONTHS_LOC[month]}.`,
      ]);
    } else {
      text = `${this.clause()}.`;
    }
    return capitalize(text);
  }

  speaker(): string {
    const r = this.#random;
    return r() < 0.5
      ? `${pick(r, FIRST_NAMES_M)} ${pick(r, SURNAMES_M)}`
      : `${pick(r, FIRST_NAMES_F)} ${pick(r, SURNAMES_F)}`;
  }
}

function pickKind(random: Random): SessionKind {
  let x = random();
  for (const [kind, share] of KINDS) {
    x -= share;
    if (x < 0) return kind;
  }
  return 'council_meeting';
}

function titleOf(maker: SentenceMaker, random: Random, kind: SessionKind, count: number) {
  const project = pick(random, PROJECTS);
  const place = maker.place();
  switch (kind) {
    case 'council_meeting':
      return {
        title: `${count}. zasedání Zastupitelstva města`,
        description:
          `Řádné zasedání zastupitelstva. Na programu je mimo jiné ${project} ${place} ` +
          `a rozpočtové opatření.`,
      };
    case 'mayor_chat':
      return {
        title: `Starosta naživo: ${project} ${place}`,
        description: `Ptejte se starosty na cokoli, co vás ve městě trápí. ${maker.sentence(kind)}`,
      };
    case 'consultation':
      return {
        title: `Veřejné projednání: ${project} ${place}`,
        description: `Představení projektu a diskuse s občany. ${maker.sentence(kind)}`,
      };
    default:
      return {
        title: `Veřejné slyšení: ${project} ${place}`,
        description: `Slyšení k záměru, připomínky občanů se zapisují. ${maker.sentence(kind)}`,
      };
  }
}

function agendaOf(maker: SentenceMaker, random: Random, kind: SessionKind): string[] {
  const topical = [
    `${capitalize(pick(random, PROJECTS))} ${maker.place()}`,
    maker.fill('Rozpočtové opatření č. {n}'),
    maker.fill('Prodej pozemku parc. č. {parcel}'),
    `Rozpočet města na rok ${maker.year + 1}`,
    'Zpráva o činnosti rady',
    `${capitalize(pick(random, PROJECTS))} ${maker.place()}`,
  ];
  const start = kind === 'council_meeting' ? 'Zahájení a schválení programu' : 'Úvod';
  const items = [start, 'Kontrola plnění usnesení'];
  while (items.length < 5) {
    const item = pick(random, topical);
    if (!items.includes(item)) items.push(item);
  }
  items.push(kind === 'council_meeting' ? 'Diskuse a závěr' : 'Dotazy občanů');
  return items;
}

/**
 * The archive for `hours` of meetings, one session at a time, in date order. The same hours and
 * seed give the same archive, ids included.
 */
export function* generateArchive(hours: number, seed: number): Generator<CorpusSession> {
  const random = seededRandom(seed);
  const maker = new SentenceMaker(random);
  const shape = archiveShape(hours);
  const spacing = shape.days / shape.sessions;
  // Ids are stamped as if the archive had been indexed in one go, in this order.
  let stamp = Date.UTC(2025, 0, 1);
  const councilByYear = new Map<number, number>();
  for (let index = 0; index < shape.sessions; index++) {
    // One session per slot; the day within its slot varies, so dates never collide.
    const day = Math.floor(index * spacing + random() * Math.max(0, spacing - 1));
    const start = new Date(
      FIRST_DAY + day * 86_400_000 + (16 * 60 + int(random, 0, 4) * 15) * 60_000,
    );
    maker.year = start.getUTCFullYear();
    const kind = pickKind(random);
    const count = (councilByYear.get(maker.year) ?? 0) + 1;
    if (kind === 'council_meeting') councilByYear.set(maker.year, count);
    const durationMs = (SESSION_HOURS + (random() - 0.5)) * 3_600_000;
    const id = uuid7(stamp++, random);
    const { title, description } = titleOf(maker, random, kind, count);
    const agenda = agendaOf(maker, random, kind).map((title) => ({
      id: uuid7(stamp++, random),
      title,
      description: maker.sentence(kind),
    }));
    const cast = Array.from({ length: int(random, 4, 8) }, () => maker.speaker());
    const sentences: CorpusSentence[] = [];
    let speaker = cast[0]!;
    let turn = 0;
    for (let at = int(random, 0, 60_000); at < durationMs;) {
      if (turn <= 0) {
        // The chair (cast[0]) speaks about a third of the turns.
        speaker = random() < 0.33 ? cast[0]! : pick(random, cast);
        turn = int(random, 2, 14);
      }
      turn--;
      sentences.push({
        id: uuid7(stamp++, random),
        text: maker.sentence(kind),
        startMs: at,
        speaker,
      });
      at += int(random, SENTENCE_MS.min, SENTENCE_MS.max);
    }
    yield {
      id,
      index,
      kind,
      title,
      description,
      start,
      end: new Date(start.getTime() + durationMs),
      agenda,
      sentences,
    };
  }
}
