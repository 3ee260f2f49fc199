// The editable shape of a session in the admin form, and its conversions to and from the API.
import type {
  AgendaItemInput,
  RecurrenceInput,
  SessionDetailDto,
  SessionInput,
  SchedulableKind,
  SessionUpdate,
} from '@namesti/server/protocol';
import { minutesBetween, toLocalInputValue } from '$lib/format';
import type { Nth } from '$lib/recurrence';

export interface AgendaDraft {
  /** Stable key for the editor's list (new items have no server id yet). */
  key: string;
  id?: string;
  title: string;
  description: string;
  offsetMinutes: number | null;
}

export interface SessionDraft {
  kind: SchedulableKind;
  title: string;
  description: string;
  locality: string;
  /** The board's part of town; '' for the whole town. */
  neighbourhoodId: string;
  scheduledStart: string;
  durationMinutes: number | null;
  hostIds: string[];
  agenda: AgendaDraft[];
  recurrence: {
    frequency: 'none' | 'weekly' | 'monthly_nth_weekday';
    interval: number;
    nth: Nth;
    until: string;
  };
}

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `new-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function emptyDraft(): SessionDraft {
  return {
    kind: 'council_meeting',
    title: '',
    description: '',
    locality: '',
    neighbourhoodId: '',
    scheduledStart: '',
    durationMinutes: 120,
    hostIds: [],
    agenda: [],
    recurrence: { frequency: 'none', interval: 1, nth: 1, until: '' },
  };
}

export function draftFromSession(session: SessionDetailDto): SessionDraft {
  return {
    // The board is never edited through this form; it only keeps the type honest.
    kind: session.kind === 'board' ? 'consultation' : session.kind,
    title: session.title,
    description: session.description,
    locality: session.locality,
    neighbourhoodId: session.neighbourhood?.id ?? '',
    scheduledStart: toLocalInputValue(session.scheduledStart),
    durationMinutes: minutesBetween(session.scheduledStart, session.scheduledEnd),
    hostIds: session.hosts.map((host) => host.id),
    agenda: [...session.agenda]
      .sort((a, b) => a.position - b.position)
      .map((item) => ({
        key: item.id,
        id: item.id,
        title: item.title,
        description: item.description,
        offsetMinutes: item.offsetMinutes,
      })),
    recurrence: { frequency: 'none', interval: 1, nth: 1, until: '' },
  };
}

/** A number input left empty binds to null (or undefined); the server then reports the field. */
function numberOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function agendaInput(items: AgendaDraft[]): AgendaItemInput[] {
  return items.map((item) => ({
    ...(item.id ? { id: item.id } : {}),
    title: item.title,
    description: item.description,
    offsetMinutes: numberOrNull(item.offsetMinutes),
  }));
}

function recurrenceInput(draft: SessionDraft['recurrence']): RecurrenceInput {
  const until = draft.until ? { until: draft.until } : {};
  switch (draft.frequency) {
    case 'none':
      return { frequency: 'none' };
    case 'weekly':
      return { frequency: 'weekly', interval: draft.interval, ...until };
    case 'monthly_nth_weekday':
      return { frequency: 'monthly_nth_weekday', nth: draft.nth, ...until };
  }
}

/** Body of POST /api/admin/sessions. Numbers the browser could not parse go as null. */
export function createInput(draft: SessionDraft): SessionInput {
  return {
    ...updateInput(draft),
    agenda: agendaInput(draft.agenda),
    recurrence: recurrenceInput(draft.recurrence),
  } as SessionInput;
}

/** Body of PATCH /api/admin/sessions/:id. */
export function updateInput(draft: SessionDraft): SessionUpdate {
  return {
    kind: draft.kind,
    title: draft.title,
    description: draft.description,
    locality: draft.locality,
    neighbourhoodId: draft.neighbourhoodId || null,
    scheduledStart: draft.scheduledStart,
    durationMinutes: numberOrNull(draft.durationMinutes) as number,
    hostIds: draft.hostIds,
  };
}
