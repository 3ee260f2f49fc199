// How loud the speaker's own microphone is, so they can see that it picks them up.

const EVERY_MS = 150;
/** Longer than EVERY_MS at 48 kHz (~170 ms), so no sound falls between two readings. */
const WINDOW_SAMPLES = 8192;
/** A peak meter falls back slowly, like a VU meter, instead of flickering between words. */
const FALL_PER_READING = 0.7;

/** Calls `onLevel` with 0–100 a few times a second; returns the stop. */
export function watchLevel(track: MediaStreamTrack, onLevel: (level: number) => void): () => void {
  const context = new AudioContext();
  // Created after awaits, the context may start suspended and then reads only silence.
  if (context.state === 'suspended') {
    context.resume().catch((error: unknown) => console.warn('stage: starting the meter', error));
  }
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = WINDOW_SAMPLES;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let shown = 0;
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let peak = 0;
    for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
    // A normal voice peaks around a third of full scale: ×250 puts it near the meter's top.
    shown = Math.max(Math.min(100, peak * 250), shown * FALL_PER_READING);
    onLevel(Math.round(shown));
  }, EVERY_MS);
  return () => {
    clearInterval(timer);
    source.disconnect();
    context.close().catch((error: unknown) => console.warn('stage: closing the meter', error));
  };
}
