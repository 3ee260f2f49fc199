// Duplicate suggestions for the incoming queue: Czech-aware similarity (diacritics, word
// forms) from the server's pure domain code, with each question's fingerprint computed once
// per version instead of on every render.
import type { ModQuestionDto } from '@namesti/server/protocol';
import {
  fingerprint,
  foldDiacritics,
  mostSimilar,
  type Fingerprint,
  type SimilarHit,
} from '@namesti/server/domain/czech-text';

const cache = new Map<string, { version: number; fingerprint: Fingerprint }>();

export function fingerprintOf(question: Pick<ModQuestionDto, 'id' | 'version' | 'text'>) {
  const cached = cache.get(question.id);
  if (cached && cached.version === question.version) return cached.fingerprint;
  const fresh = fingerprint(question.text);
  cache.set(question.id, { version: question.version, fingerprint: fresh });
  return fresh;
}

/** Questions another one may be merged into: still waiting or public and open. */
export const isMergeTarget = (question: ModQuestionDto) =>
  question.status === 'pending' || question.status === 'approved';

export interface Candidate {
  item: ModQuestionDto;
  fingerprint: Fingerprint;
}

/** The merge targets of a session, fingerprinted once for every card's comparisons. */
export function candidatesOf(questions: readonly ModQuestionDto[]): Candidate[] {
  return questions
    .filter(isMergeTarget)
    .map((item) => ({ item, fingerprint: fingerprintOf(item) }));
}

/** The questions most like `question` (never itself), best first. */
export function suggestionsFor(
  question: ModQuestionDto,
  candidates: readonly Candidate[],
  limit = 3,
): SimilarHit<ModQuestionDto>[] {
  const others = candidates.filter((candidate) => candidate.item.id !== question.id);
  return mostSimilar(fingerprintOf(question), others, { limit });
}

/** Filter for the merge picker's search box: case and diacritics ignored. */
export function matchesSearch(text: string, query: string): boolean {
  const needle = foldDiacritics(query.trim());
  return needle === '' || foldDiacritics(text).includes(needle);
}

/** The first words of a question, for button names and the log ("Kdy bude opravena…"). */
export function shortText(text: string, words = 8): string {
  const parts = text.trim().split(/\s+/);
  return parts.length <= words ? parts.join(' ') : `${parts.slice(0, words).join(' ')}…`;
}
