// Demo portraits: an SVG with the person's initials on a calm colour. Generated, not uploaded
// (uploads are raster only), and served with a sandboxing CSP.
const PALETTE = ['#1d4ed8', '#0f766e', '#7c3aed', '#b45309', '#be123c', '#166534', '#0e7490'];

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function initialsAvatar(name: string, index: number): Uint8Array {
  const words = name.replace(/^(Mgr|Ing|Bc|MUDr|JUDr|PhDr|RNDr|Ph\.D)\.?\s+/gi, '').split(/\s+/);
  const initials = words
    .filter((w) => /^\p{Lu}/u.test(w))
    .slice(0, 2)
    .map((w) => w[0])
    .join('');
  const color = PALETTE[index % PALETTE.length];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" aria-label="${escapeXml(name)}">
<rect width="200" height="200" fill="${color}"/>
<text x="100" y="100" dy="0.35em" text-anchor="middle" font-family="sans-serif" font-size="84" fill="#fff">${escapeXml(initials)}</text>
</svg>`;
  return new TextEncoder().encode(svg);
}
