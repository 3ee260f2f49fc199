// Why a moderation action was refused, in the moderator's language, naming who got there first.
import type { Rejection } from '../../domain/question-queue.ts';
import { say, type Actor } from '../auth/actor.ts';

const TEXT: Record<Rejection, [cs: string, en: string]> = {
  already_approved: ['Otázku už schválil(a) {by}.', 'Already approved by {by}.'],
  already_rejected: ['Otázku už zamítl(a) {by}.', 'Already rejected by {by}.'],
  already_answered: ['Otázka už je zodpovězená ({by}).', 'Already answered ({by}).'],
  already_merged: ['Otázku už sloučil(a) {by} s jinou.', 'Already merged into another by {by}.'],
  not_approved: ['Otázka ještě není schválená.', 'The question is not approved yet.'],
  not_pinned: ['Otázka se teď neodpovídá.', 'The question is not being answered now.'],
  already_pinned: ['Na otázku se už odpovídá ({by}).', 'Already being answered ({by}).'],
  merge_into_self: ['Otázku nelze sloučit samu se sebou.', 'A question cannot merge into itself.'],
  merge_target_invalid: [
    'S touto otázkou nelze sloučit (je zamítnutá nebo sloučená).',
    'Cannot merge into that question (it is rejected or merged).',
  ],
  unchanged: ['Nic se nezměnilo.', 'Nothing changed.'],
};

export function rejectionMessage(actor: Actor, reason: Rejection, by: string | null): string {
  const [cs, en] = TEXT[reason];
  const who = by ?? say(actor, 'jiný moderátor', 'another moderator');
  return say(actor, cs, en).replace('{by}', who);
}
