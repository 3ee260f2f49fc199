// Where a media file makes sound: ffmpeg's silencedetect turned into [from, to] stretches in
// seconds. Recording tests use it to hear where a citizen's microphone landed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function audibleStretches(file: string): Promise<[number, number][]> {
  const { stderr } = await run('ffmpeg', [
    ...['-hide_banner', '-nostats', '-i', file],
    ...['-af', 'silencedetect=noise=-40dB:duration=0.3', '-f', 'null', '-'],
  ]);
  const marks = [...stderr.matchAll(/silence_(start|end): (-?[\d.]+)/g)].map(
    (m) => [m[1], Number(m[2])] as const,
  );
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file],
  ]);
  const stretches: [number, number][] = [];
  let soundFrom = 0;
  for (const [kind, at] of marks) {
    if (kind === 'start' && at > soundFrom) stretches.push([soundFrom, at]);
    if (kind === 'end') soundFrom = at;
  }
  const length = Number(stdout.trim());
  if (marks.at(-1)?.[0] !== 'start') stretches.push([soundFrom, length]);
  // A silence that ends with the file leaves a blip of no length behind.
  return stretches.filter(([from, to]) => to - from > 0.1);
}
