// The plain data media/ hands to the app, which turns it into wire DTOs.
import type { types } from 'mediasoup';

/** What a producer carries: the broadcast's tracks, or a citizen's on stage. */
export type MediaSource = 'camera' | 'microphone' | 'screen' | 'stage-audio' | 'stage-video';

export interface ProducerInfo {
  id: string;
  kind: types.MediaKind;
  source: MediaSource;
  paused: boolean;
  peerId: string;
}

export interface TransportInfo {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
}

export interface ConsumerInfo {
  id: string;
  producerId: string;
  kind: types.MediaKind;
  source: MediaSource;
  type: types.ConsumerType;
  rtpParameters: types.RtpParameters;
}

export interface ConsumerQuality {
  consumerId: string;
  /** 0–10, what the viewer receives compared with what is sent. */
  score: number;
  producerScore: number;
  spatialLayer: number | null;
}

export class MediaError extends Error {
  constructor(
    readonly reason:
      | 'no_transport'
      | 'no_producer'
      | 'no_consumer'
      | 'cannot_consume'
      | 'wrong_direction'
      | 'closed'
      /** The session has no media room (not live, or it ended). */
      | 'not_live'
      /** Someone else is already broadcasting. */
      | 'busy'
      /** This peer has opened as many transports or consumers as it may. */
      | 'too_many'
      /** mediasoup refused the parameters (unknown codec, bad encodings). */
      | 'bad_params'
      /** The node that carries the session's media did not answer. */
      | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}
