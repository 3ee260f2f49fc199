// Live video signalling over the session's Socket.IO connection (mediasoup on the server,
// mediasoup-client in the browser). mediasoup's own parameter objects pass through with their
// shape bounded here and their meaning checked by mediasoup, which rejects what it cannot use.
import { z } from 'zod';

const id = z.uuid();
const sessionId = id;
/** mediasoup's object ids are UUIDs too. */
const mediaId = z.uuid();

export const MEDIA_SOURCES = [
  'camera',
  'microphone',
  'screen',
  'stage-audio',
  'stage-video',
] as const;
export type MediaSourceKind = (typeof MEDIA_SOURCES)[number];
/** What the studio (hosts) may send; the stage sources belong to an accepted citizen. */
export const BROADCAST_SOURCES = ['camera', 'microphone', 'screen'] as const;

const boundedList = (max: number) => z.array(z.looseObject({})).max(max);

const dtlsParametersSchema = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(
      z.object({
        algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']),
        value: z.string().max(200),
      }),
    )
    .min(1)
    .max(8),
});

const rtpParametersSchema = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: boundedList(16).min(1),
  headerExtensions: boundedList(24).optional(),
  encodings: boundedList(8).optional(),
  rtcp: z.looseObject({}).optional(),
});

const rtpCapabilitiesSchema = z.looseObject({
  codecs: boundedList(64).optional(),
  headerExtensions: boundedList(64).optional(),
});

export const mediaJoinSchema = z.object({ sessionId });

export const mediaTransportSchema = z.object({
  sessionId,
  direction: z.enum(['send', 'recv']),
  /** Sending only: what for, so the server can check the sender's right before any socket. */
  purpose: z.enum(['broadcast', 'stage']).optional(),
});

export const mediaConnectSchema = z.object({
  sessionId,
  transportId: mediaId,
  dtlsParameters: dtlsParametersSchema,
});

export const mediaTransportRefSchema = z.object({ sessionId, transportId: mediaId });

export const mediaProduceSchema = z.object({
  sessionId,
  transportId: mediaId,
  kind: z.enum(['audio', 'video']),
  source: z.enum(MEDIA_SOURCES),
  rtpParameters: rtpParametersSchema,
});

export const mediaProducerControlSchema = z.object({
  sessionId,
  producerId: mediaId,
  action: z.enum(['pause', 'resume', 'close']),
});

export const mediaConsumeSchema = z.object({
  sessionId,
  transportId: mediaId,
  producerId: mediaId,
  rtpCapabilities: rtpCapabilitiesSchema,
});

export const mediaConsumerControlSchema = z.discriminatedUnion('action', [
  z.object({ sessionId, consumerId: mediaId, action: z.literal('resume') }),
  z.object({
    sessionId,
    consumerId: mediaId,
    action: z.literal('layers'),
    spatialLayer: z.number().int().min(0).max(3),
    temporalLayer: z.number().int().min(0).max(3).optional(),
  }),
]);

/** mediasoup parameter objects, opaque to the protocol; the browser hands them to
 * mediasoup-client as they are. */
export type MediaParameters = Record<string, unknown>;

export interface IceServerDto {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface MediaProducerDto {
  id: string;
  kind: 'audio' | 'video';
  source: MediaSourceKind;
  paused: boolean;
}

export interface MediaJoinDto {
  sessionId: string;
  /** false: the server runs without a mediasoup worker; pages say video is unavailable. */
  available: boolean;
  routerRtpCapabilities: MediaParameters | null;
  iceServers: IceServerDto[];
  producers: MediaProducerDto[];
}

export interface MediaTransportDto {
  id: string;
  iceParameters: MediaParameters;
  iceCandidates: MediaParameters[];
  dtlsParameters: MediaParameters;
}

export interface MediaConsumerDto {
  id: string;
  producerId: string;
  kind: 'audio' | 'video';
  source: MediaSourceKind;
  type: string;
  rtpParameters: MediaParameters;
}

export interface MediaQualityDto {
  sessionId: string;
  consumerId: string;
  score: number;
  producerScore: number;
  spatialLayer: number | null;
}

/** The studio's OBS panel: where to send and with which Bearer token. */
export interface WhipDetailsDto {
  url: string;
  streamKey: string;
  rotatedAt: string;
}

export interface RecordingDto {
  status: 'none' | 'recording' | 'processing' | 'ready' | 'failed';
  startedAt: string | null;
  durationMs: number | null;
  sizeBytes: number | null;
  /** The browser-playable MP4, once ready. */
  url: string | null;
  /** Staff only (null for everyone else): why it failed, or what a ready one had to leave out. */
  problem: string | null;
}
