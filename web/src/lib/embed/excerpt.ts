// The start of an answer for a widget: whole words, up to `max` characters, with an ellipsis
// when something was cut (the whole answer is one click away, on the question's page).
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max + 1);
  const lastSpace = cut.lastIndexOf(' ');
  const words = lastSpace > max / 2 ? cut.slice(0, lastSpace) : flat.slice(0, max);
  return `${words.replace(/[\s,.;:–-]+$/, '')}…`;
}
