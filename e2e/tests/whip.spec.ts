// WHIP ingest end to end: a browser page plays OBS (fake camera and microphone, a WHIP POST
// with the session's stream key), and a citizen on the session page decodes the picture and
// hears the sound. A wrong key, a malformed offer and a second publisher are refused.
import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { LoginPage } from '../pages/admin.ts';
import { ViewerPage } from '../pages/viewer.ts';
import { liveConsultation, pagesClosedAfterEach } from './support.ts';

const personPage = pagesClosedAfterEach();

/** The few browser APIs the in-page encoder uses (this project type-checks against Node). */
interface EncoderPeer {
  addTransceiver(track: unknown, init: { direction: 'sendonly' }): unknown;
  createOffer(): Promise<{ type: 'offer'; sdp: string }>;
  setLocalDescription(description: { type: 'offer'; sdp: string }): Promise<void>;
  setRemoteDescription(description: { type: 'answer'; sdp: string }): Promise<void>;
  addEventListener(event: 'icegatheringstatechange', listener: () => void): void;
  readonly iceGatheringState: string;
  readonly localDescription: { sdp: string } | null;
  close(): void;
}
interface EncoderGlobals {
  navigator: {
    mediaDevices: {
      getUserMedia(constraints: object): Promise<{ getTracks(): { stop(): void }[] }>;
    };
  };
  RTCPeerConnection: new () => EncoderPeer;
}

interface WhipResult {
  status: number;
  location: string | null;
  text: string;
}

/** In the page: what OBS does — a send-only offer, POSTed with the key, the answer applied. */
function publish(page: Page, url: string, key: string, sdp?: string): Promise<WhipResult> {
  return page.evaluate(
    async ({ url, key, sdp }) => {
      const browser = globalThis as unknown as EncoderGlobals;
      const media = await browser.navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      const pc = new browser.RTCPeerConnection();
      for (const track of media.getTracks()) pc.addTransceiver(track, { direction: 'sendonly' });
      await pc.setLocalDescription(await pc.createOffer());
      // Send the offer once its candidates are in (the server is ICE-lite, no trickle).
      await new Promise<void>((resolve) => {
        if (pc.iceGatheringState === 'complete') resolve();
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') resolve();
        });
        setTimeout(resolve, 3_000);
      });
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/sdp', Authorization: `Bearer ${key}` },
        body: sdp ?? pc.localDescription!.sdp,
      });
      const text = await res.text();
      if (res.status === 201) {
        await pc.setRemoteDescription({ type: 'answer', sdp: text });
        Reflect.set(globalThis, '__whipPeer', pc);
      } else {
        pc.close();
        for (const track of media.getTracks()) track.stop();
      }
      return { status: res.status, location: res.headers.get('Location'), text };
    },
    { url, key, sdp },
  );
}

test('OBS-style WHIP publishing reaches a viewer; wrong key, bad SDP and a second publisher are refused', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await personPage(browser);
  await new LoginPage(admin).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const sessionId = await liveConsultation(
    admin,
    `Přenos z obřadní síně ${Date.now().toString(36)}`,
  );
  const details = await admin.request.get(`/api/sessions/${sessionId}/whip`);
  expect(details.status()).toBe(200);
  const { url, streamKey } = (await details.json()) as { url: string; streamKey: string };

  const viewer = new ViewerPage(await personPage(browser));
  await viewer.open(sessionId);
  await viewer.expectState('waiting');

  // The "encoder" runs on the app's origin, as a WHIP client page would.
  const encoder = await personPage(browser);
  await encoder.goto('/');
  expect((await publish(encoder, url, 'not-the-key')).status).toBe(401);
  expect((await publish(encoder, url, streamKey, 'v=0\r\nnot an offer\r\n')).status).toBe(400);

  const live = await publish(encoder, url, streamKey);
  expect(live.status, live.text).toBe(201);
  expect(live.location).toMatch(new RegExp(`^/whip/${sessionId}/`));

  await viewer.expectState('playing', 60_000);
  await viewer.expectPictureFlowing();
  await viewer.expectSoundFlowing();

  const second = await personPage(browser);
  await second.goto('/');
  expect((await publish(second, url, streamKey)).status).toBe(409);

  // DELETE ends the stream; the viewer goes back to waiting.
  const ended = await encoder.evaluate(
    async ({ location, key }) =>
      (await fetch(location, { method: 'DELETE', headers: { Authorization: `Bearer ${key}` } }))
        .status,
    { location: live.location!, key: streamKey },
  );
  expect(ended).toBe(200);
  await viewer.expectState('waiting', 30_000);
});
