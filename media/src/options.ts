// What the media server is told by the app's config. Plain data, so media/ knows nothing of env.

export interface TurnServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface MediaOptions {
  workerBin: string;
  /** mediasoup workers; one per core is the usual figure (each is single-threaded). */
  workers: number;
  /** The address the RTC sockets bind to (0.0.0.0 for every interface). */
  listenIp: string;
  /** What clients are told to send to, for a server behind NAT (IP or host name). */
  announcedAddress?: string;
  rtcMinPort: number;
  rtcMaxPort: number;
  /** Per publisher transport, bits per second: keeps one uplink from saturating the server. */
  maxIncomingBitrate: number;
  initialOutgoingBitrate: number;
  /** Past this many consumer transports on a router, new viewers go to a piped router. */
  consumersPerRouter: number;
  turn: TurnServer[];
  recordingsDir: string;
  ffmpegPath: string;
  ffprobePath: string;
}

/** Logger shape media/ needs (pino's, without depending on it). */
export interface MediaLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
