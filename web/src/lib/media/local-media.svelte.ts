// The studio's own camera and microphone: asks for permission, lists the devices (their names
// are only readable after permission), opens the chosen ones and follows plugging in and out.
// The tracks belong here; the broadcast only borrows them (stopTracks: false in sender.ts).

export interface DeviceChoice {
  deviceId: string;
  /** Empty when the browser keeps it to itself. */
  label: string;
}

/** Why the devices could not be opened, for the studio's message. */
export type DeviceProblem = 'denied' | 'not-found' | 'busy' | 'failed';

function problemOf(error: unknown): DeviceProblem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'not-found';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

const CAMERA: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};
const MICROPHONE: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

const choice = (id: string): ConstrainDOMString | undefined => (id ? { exact: id } : undefined);

export class LocalMedia {
  cameras: DeviceChoice[] = $state.raw([]);
  microphones: DeviceChoice[] = $state.raw([]);
  cameraId = $state('');
  microphoneId = $state('');
  camera: MediaStreamTrack | null = $state.raw(null);
  microphone: MediaStreamTrack | null = $state.raw(null);
  problem: DeviceProblem | null = $state(null);
  opening = $state(false);

  readonly preview: MediaStream | null = $derived(
    this.camera ? new MediaStream([this.camera]) : null,
  );

  #listening = false;
  readonly #onDeviceChange = () => void this.#enumerate();

  /** Asks for the camera and microphone (the browser's permission prompt) and lists devices. */
  async open(): Promise<void> {
    this.opening = true;
    this.problem = null;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { ...CAMERA, deviceId: choice(this.cameraId) },
        audio: { ...MICROPHONE, deviceId: choice(this.microphoneId) },
      });
      this.#setCamera(stream.getVideoTracks()[0] ?? null);
      this.#setMicrophone(stream.getAudioTracks()[0] ?? null);
      await this.#enumerate();
      if (!this.#listening) {
        navigator.mediaDevices.addEventListener('devicechange', this.#onDeviceChange);
        this.#listening = true;
      }
    } catch (error) {
      console.warn('studio: cannot open the camera and microphone', error);
      this.problem = problemOf(error);
    } finally {
      this.opening = false;
    }
  }

  /** Opens another camera (or the chosen one again, after "camera off"). */
  async openCamera(deviceId = this.cameraId): Promise<MediaStreamTrack | null> {
    this.camera?.stop(); // many cameras open only once
    this.#setCamera(null);
    return this.#setCamera(await this.#track('video', deviceId));
  }

  async openMicrophone(deviceId = this.microphoneId): Promise<MediaStreamTrack | null> {
    this.microphone?.stop();
    this.#setMicrophone(null);
    return this.#setMicrophone(await this.#track('audio', deviceId));
  }

  /** Camera off: the light goes out too. */
  closeCamera(): void {
    this.camera?.stop();
    this.#setCamera(null);
  }

  close(): void {
    this.closeCamera();
    this.microphone?.stop();
    this.#setMicrophone(null);
    if (this.#listening) {
      navigator.mediaDevices.removeEventListener('devicechange', this.#onDeviceChange);
      this.#listening = false;
    }
  }

  async #track(kind: 'video' | 'audio', deviceId: string): Promise<MediaStreamTrack | null> {
    this.problem = null;
    const constraints = { ...(kind === 'video' ? CAMERA : MICROPHONE), deviceId: choice(deviceId) };
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraints });
      return stream.getTracks()[0] ?? null;
    } catch (error) {
      console.warn(`studio: cannot open the ${kind} device`, error);
      this.problem = problemOf(error);
      return null;
    }
  }

  #setCamera(track: MediaStreamTrack | null): MediaStreamTrack | null {
    this.camera = track;
    const id = track?.getSettings().deviceId;
    if (id) this.cameraId = id;
    return track;
  }

  #setMicrophone(track: MediaStreamTrack | null): MediaStreamTrack | null {
    this.microphone = track;
    const id = track?.getSettings().deviceId;
    if (id) this.microphoneId = id;
    return track;
  }

  async #enumerate(): Promise<void> {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const of = (kind: MediaDeviceKind) =>
      devices
        .filter((d) => d.kind === kind && d.deviceId)
        .map((d) => ({ deviceId: d.deviceId, label: d.label }));
    this.cameras = of('videoinput');
    this.microphones = of('audioinput');
  }
}
