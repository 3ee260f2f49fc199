// The wall clock drawn into the picture, read back after decoding. The encoder's filter graph
// evaluates time(0) (ffmpeg's wall clock, the same clock as Date.now()) as each frame is made
// and writes its milliseconds (mod 2^24, ~4.6 h) as 24 black/white blocks. Gray code, because
// the clock may tick between two blocks' evaluations: then one bit differs, and the value read
// is either of the two, never a blend.

export const STAMP_BITS = 24;
/** Each bit's block in the 1280x720 picture: 32 wide, 64 tall, along the top-left edge. */
export const STAMP_BLOCK = { width: 32, height: 64 };
const MODULUS = 2 ** STAMP_BITS;

/** A lavfi chain making the stamp (one grey pixel per bit, each evaluated once), scaled to its blocks. */
export function stampSource(rate: number): string {
  const value = `st(0,mod(floor(time(0)*1000),${MODULUS}))`;
  const grayBit = 'mod(floor(ld(0)/pow(2,X))+floor(ld(0)/pow(2,X+1)),2)';
  return (
    `color=c=black:s=${STAMP_BITS}x1:r=${rate},format=gray,` +
    `geq=lum='${value};if(${grayBit},255,0)',` +
    `scale=${STAMP_BITS * STAMP_BLOCK.width}:${STAMP_BLOCK.height}:flags=neighbor`
  );
}

/**
 * The decoder's crop and shrink of the stamp to one grey byte per bit (the mean of its block),
 * at whatever simulcast layer arrives.
 */
export function stampReader(): string {
  const width = (STAMP_BITS * STAMP_BLOCK.width) / 1280;
  const height = STAMP_BLOCK.height / 720;
  return `crop=w=iw*${width}:h=ih*${height.toFixed(5)}:x=0:y=0,scale=${STAMP_BITS}:1:flags=area,format=gray`;
}

/** The stamped milliseconds (mod 2^24), or null when a block is neither black nor white. */
export function readStamp(pixels: Uint8Array): number | null {
  let binary = 0;
  let bit = 0;
  for (let k = STAMP_BITS - 1; k >= 0; k--) {
    const level = pixels[k]!;
    if (level > 80 && level < 176) return null;
    bit ^= level >= 128 ? 1 : 0;
    binary += bit * 2 ** k;
  }
  return binary;
}

/** Milliseconds from the stamp until `nowMs`, across the 2^24 wrap. */
export function stampAge(stamp: number, nowMs: number): number {
  return ((((nowMs % MODULUS) - stamp) % MODULUS) + MODULUS) % MODULUS;
}
