// How loud the speaker's own microphone is, so they can see that it picks them up.

const EVERY_MS = 150;

/** Calls `onLevel` with 0–100 a few times a second; returns the stop. */
export function watchLevel(track: MediaStreamTrack, onLevel: (level: number) => void): () => void {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    // Speech sits far below full scale: ×300 of the RMS fills the meter at a normal voice.
    onLevel(Math.min(100, Math.round(Math.sqrt(sum / samples.length) * 300)));
  }, EVERY_MS);
  return () => {
    clearInterval(timer);
    source.disconnect();
    context.close().catch((error: unknown) => console.warn('stage: closing the meter', error));
  };
}
