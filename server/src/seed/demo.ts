// A demo town, so a fresh `npm start` shows what Náměstí does: officials with portraits,
// departments, the mayor's monthly chat, an upcoming council meeting with an agenda,
// a consultation that is live right now (with questions and chat), and a meeting that has ended.
import { addMinutes, utcToZonedParts, zonedWallTimeToUtc } from '../domain/time-zone.ts';
import { storeFile } from '../features/files/mutations.ts';
import { materializeSeries } from '../features/sessions/series.ts';
import type { Tx } from '../features/sessions/mutations.ts';
import { slugify } from '../lib/slug.ts';
import { initialsAvatar } from './avatars.ts';
import { seedDemoParticipation } from './demo-participation.ts';
import { seedDemoBoard } from './demo-board.ts';
import { seedDemoPolls } from './demo-polls.ts';

const DEPARTMENTS = [
  ['Kancelář starosty', 'Agenda starostky, vztahy s veřejností.'],
  ['Odbor dopravy', 'Místní komunikace, parkování, veřejná doprava.'],
  ['Odbor životního prostředí', 'Zeleň, odpady, ovzduší a vodní hospodářství.'],
  ['Odbor výstavby a územního plánování', 'Stavební řízení, územní plán, investice.'],
  ['Odbor sociálních věcí', 'Sociální služby, senioři, bydlení.'],
] as const;

const OFFICIALS = [
  [
    'Mgr. Jana Nováková',
    'starostka',
    0,
    'Starostkou je od roku 2022, předtím učila na místní základní škole.',
  ],
  [
    'Ing. Petr Svoboda',
    'místostarosta pro investice',
    3,
    'Má na starosti rozpočet a velké stavby města.',
  ],
  [
    'Bc. Lucie Dvořáková',
    'radní pro životní prostředí',
    2,
    'Prosadila komunitní kompostárny a výsadbu stromořadí.',
  ],
  [
    'Ing. Tomáš Černý',
    'vedoucí odboru dopravy',
    1,
    'Řeší parkování, chodníky a bezpečné cesty do škol.',
  ],
  [
    'JUDr. Eva Procházková',
    'tajemnice městského úřadu',
    0,
    'Vede městský úřad a dohlíží na zákonnost postupů.',
  ],
  ['Martin Kučera', 'zastupitel, předseda kontrolního výboru', 4, ''],
] as const;

export async function seedDemo(tx: Tx, now: Date, timeZone: string): Promise<void> {
  /** A local wall time `days` from today in the town's zone. */
  const at = (days: number, hour: number, minute = 0) => {
    const today = utcToZonedParts(now, timeZone);
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
    return zonedWallTimeToUtc(
      {
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
        hour,
        minute,
      },
      timeZone,
    );
  };

  const departments: { id: string }[] = [];
  for (const [name, description] of DEPARTMENTS) {
    departments.push(
      await tx.department.create({ data: { name, description, slug: slugify(name) } }),
    );
  }
  const officials: { id: string }[] = [];
  for (const [index, [name, roleTitle, dept, bio]] of OFFICIALS.entries()) {
    const photo = await storeFile(tx, 'image/svg+xml', initialsAvatar(name, index));
    officials.push(
      await tx.official.create({
        data: {
          name,
          roleTitle,
          bio,
          sortOrder: index,
          photoId: photo.id,
          departmentId: departments[dept]!.id,
        },
      }),
    );
  }
  const [mayor, deputy, greenCouncillor, transportHead] = officials;
  const hosts = (...people: { id: string }[]) => ({
    create: people.map((official, position) => ({ officialId: official.id, position })),
  });
  const agenda = (items: [string, number | null][]) => ({
    create: items.map(([title, offsetMinutes], position) => ({ title, offsetMinutes, position })),
  });

  // The mayor's chat, every first Monday at 17:00.
  const today = utcToZonedParts(now, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const series = await tx.sessionSeries.create({
    data: {
      kind: 'mayor_chat',
      title: 'Chat se starostkou',
      description: 'Každé první pondělí v měsíci odpovídá starostka živě na vaše dotazy.',
      rule: {
        frequency: 'monthly_nth_weekday',
        nth: 1,
        weekday: 1,
        time: '17:00',
        durationMinutes: 60,
        timeZone,
        startsOn: `${today.year}-${pad(today.month)}-${pad(today.day)}`,
      },
    },
  });
  const first = await materializeSeries(tx, series.id, now);
  for (const id of first) {
    await tx.sessionHost.create({ data: { sessionId: id, officialId: mayor!.id } });
  }

  const councilStart = at(10, 16);
  await tx.session.create({
    data: {
      kind: 'council_meeting',
      title: 'Zasedání zastupitelstva města',
      description:
        'Řádné zasedání zastupitelstva. Přenos je veřejný, dotazy občanů v bodě Diskuse.',
      locality: 'Obřadní síň radnice, Náměstí Míru 1',
      scheduledStart: councilStart,
      scheduledEnd: addMinutes(councilStart, 180),
      hosts: hosts(mayor!, deputy!),
      agendaItems: agenda([
        ['Zahájení, schválení programu a ověřovatelů zápisu', 0],
        ['Rozpočet města na rok 2027', 10],
        ['Oprava chodníků v ulici Husova', 60],
        ['Dotace pro spolky a sportovní kluby', 90],
        ['Diskuse občanů', 130],
        ['Závěr', 175],
      ]),
    },
  });

  const liveStart = addMinutes(now, -15);
  const consultation = await tx.session.create({
    data: {
      kind: 'consultation',
      title: 'Veřejné projednání: revitalizace parku Na Výsluní',
      description:
        'Představení studie nového parku: dětské hřiště, lavičky, osvětlení a stromy.\nPřijďte nebo se připojte online a ptejte se.',
      locality: 'Sídliště Výsluní, komunitní centrum',
      status: 'live',
      scheduledStart: liveStart,
      scheduledEnd: addMinutes(liveStart, 90),
      startedAt: liveStart,
      hosts: hosts(greenCouncillor!, deputy!),
      agendaItems: agenda([
        ['Představení studie', 0],
        ['Dotazy a připomínky občanů', 30],
        ['Hlasování o variantě hřiště', 70],
      ]),
    },
  });
  const voterIds = await seedDemoParticipation(tx, {
    consultationId: consultation.id,
    answeringOfficialId: greenCouncillor!.id,
    now,
  });
  const votingItem = await tx.agendaItem.findFirst({
    where: { sessionId: consultation.id, position: 2 },
    select: { id: true },
  });
  await seedDemoPolls(tx, {
    consultationId: consultation.id,
    voterIds,
    agendaItemId: votingItem?.id ?? null,
    now,
  });

  const hearingStart = at(20, 18);
  await tx.session.create({
    data: {
      kind: 'hearing',
      title: 'Veřejné slyšení k návrhu územního plánu',
      description: 'Návrh nového územního plánu: co se mění ve vaší čtvrti.',
      locality: 'Kulturní dům, velký sál',
      scheduledStart: hearingStart,
      scheduledEnd: addMinutes(hearingStart, 120),
      hosts: hosts(deputy!),
    },
  });

  const pastStart = at(-30, 16);
  await tx.session.create({
    data: {
      kind: 'council_meeting',
      title: 'Zasedání zastupitelstva města',
      description: 'Záznam řádného zasedání zastupitelstva.',
      locality: 'Obřadní síň radnice, Náměstí Míru 1',
      status: 'ended',
      scheduledStart: pastStart,
      scheduledEnd: addMinutes(pastStart, 150),
      startedAt: pastStart,
      endedAt: addMinutes(pastStart, 142),
      hosts: hosts(mayor!, deputy!, transportHead!),
      agendaItems: agenda([
        ['Zahájení', 0],
        ['Parkování u nádraží: nový systém zón', 15],
        ['Rozpočtové opatření č. 4', 70],
        ['Diskuse občanů', 110],
      ]),
    },
  });

  await seedDemoBoard(tx, {
    now,
    departmentIds: departments.map((department) => department.id),
    answeringOfficialIds: [transportHead!.id, greenCouncillor!.id, deputy!.id],
  });
}
