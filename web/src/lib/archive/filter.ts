// The transcript's own filter box: finds "nadrazi" in "nádraží" and "TOMÁŠ" in a speaker's
// name, the way people type on a phone.

/** Lower case without diacritics: "Nádraží" → "nadrazi". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The sentences whose text or speaker contains every word of `query` (all when it is blank). */
export function filterSegments<S extends { text: string; speaker: string | null }>(
  segments: readonly S[],
  query: string,
): S[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...segments];
  return segments.filter((segment) => {
    const haystack = fold(`${segment.speaker ?? ''} ${segment.text}`);
    return words.every((word) => haystack.includes(word));
  });
}
