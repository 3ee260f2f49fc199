// Counts from a transport's WebRTC statistics: frames decoded and packets received, summed
// over the streams of each kind. Tests read them (window.__namestiViewer) to see media flow.

export interface ReceiveCounts {
  video: { framesDecoded: number; packetsReceived: number; frameWidth: number | null };
  audio: { packetsReceived: number };
}

interface InboundRtp {
  type: string;
  kind?: string;
  framesDecoded?: number;
  packetsReceived?: number;
  frameWidth?: number;
}

export function receiveCounts(report: RTCStatsReport): ReceiveCounts {
  const counts: ReceiveCounts = {
    video: { framesDecoded: 0, packetsReceived: 0, frameWidth: null },
    audio: { packetsReceived: 0 },
  };
  report.forEach((entry: InboundRtp) => {
    if (entry.type !== 'inbound-rtp') return;
    if (entry.kind === 'video') {
      counts.video.framesDecoded += entry.framesDecoded ?? 0;
      counts.video.packetsReceived += entry.packetsReceived ?? 0;
      if (entry.frameWidth)
        counts.video.frameWidth = Math.max(counts.video.frameWidth ?? 0, entry.frameWidth);
    } else if (entry.kind === 'audio') {
      counts.audio.packetsReceived += entry.packetsReceived ?? 0;
    }
  });
  return counts;
}
