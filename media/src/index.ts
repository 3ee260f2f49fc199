// The media server (mediasoup) arrives with the live-video capability. Until then the
// app reports media "off" and pages say video is unavailable.
export type MediaStatus = 'ok' | 'off';

export interface MediaService {
  status(): MediaStatus;
  close(): Promise<void>;
}

export function createDisabledMedia(): MediaService {
  return { status: () => 'off', close: async () => {} };
}
