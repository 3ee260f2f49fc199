// What a viewer shows out of the tracks on air: the program picture (a shared screen before
// the camera), the program sound, and small tiles beside it. Pure.
import type { MediaSourceKind } from '@namesti/server/protocol';

export interface ReceivedTrack {
  consumerId: string;
  producerId: string;
  source: MediaSourceKind;
  kind: 'audio' | 'video';
  /** mediasoup's consumer type: 'simulcast' ones can switch layers. */
  type: string;
  track: MediaStreamTrack;
}

export interface Tile {
  /** Stable for Svelte's keyed each. */
  key: 'camera' | 'stage';
  video: ReceivedTrack | null;
  audio: ReceivedTrack | null;
}

export interface Program {
  video: ReceivedTrack | null;
  audio: ReceivedTrack | null;
  /** The camera while a screen is shared, and a citizen on stage. */
  tiles: Tile[];
}

export function program(tracks: readonly ReceivedTrack[]): Program {
  // The newest of a source: a studio that reconnected sends again before the server has
  // noticed that its old connection is gone (tracks come in the server's order).
  const find = (source: MediaSourceKind) => tracks.findLast((t) => t.source === source) ?? null;
  const screen = find('screen');
  const camera = find('camera');
  const tiles: Tile[] = [];
  if (screen && camera) tiles.push({ key: 'camera', video: camera, audio: null });
  const stageVideo = find('stage-video');
  const stageAudio = find('stage-audio');
  if (stageVideo || stageAudio) tiles.push({ key: 'stage', video: stageVideo, audio: stageAudio });
  return { video: screen ?? camera, audio: find('microphone'), tiles };
}
