// Stage changes → rooms: the speaking list to moderators, the speaker to everyone, and each
// touched or waiting citizen their own request (their place in the list moves).
import { rooms } from '../../protocol/events.ts';
import type { NamestiServer } from '../../realtime/notifier.ts';
import { positionIn, toModDto, toOwnDto, toSpeakerDto, type StageRow } from './data.ts';

export interface StageNotifier {
  /** `list` is the active list after the change; `touched` the requests it changed. */
  changed(sessionId: string, list: StageRow[], touched: StageRow[]): void;
}

export function stageNotifier(io: NamestiServer): StageNotifier {
  return {
    changed(sessionId, list, touched) {
      const speaker = list.find((r) => r.status === 'accepted');
      io.to(rooms.sessionModerators(sessionId)).emit('stage:queue', {
        sessionId,
        queue: list.map((r) => toModDto(r, positionIn(list, r.id))),
      });
      io.to(rooms.session(sessionId)).emit('stage:speaker', {
        sessionId,
        speaker: speaker ? toSpeakerDto(speaker) : null,
      });
      const told = new Map<string, StageRow>();
      for (const row of [...touched, ...list.filter((r) => r.status === 'waiting')]) {
        if (!told.has(row.id)) told.set(row.id, row);
      }
      for (const row of told.values()) {
        io.to(rooms.participant(row.participantId)).emit(
          'stage:mine',
          toOwnDto(row, positionIn(list, row.id)),
        );
      }
    },
  };
}
