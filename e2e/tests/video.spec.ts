// Live video end to end, with a real mediasoup worker and Chromium's fake camera and
// microphone: a host goes live from the browser studio (which also starts the scheduled
// session), a citizen who opened the page earlier starts watching without a reload, the
// picture and the sound really decode, the layer follows the player's width, mute and
// camera-off reach the viewer, stopping and ending too; dropped sockets recover by themselves;
// an ended session plays its recording.
import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { LoginPage } from '../pages/admin.ts';
import { StudioPage } from '../pages/studio.ts';
import { DroppableSocket, ViewerPage } from '../pages/viewer.ts';
import { expectAccessible } from './axe.ts';
import { liveConsultation, pagesClosedAfterEach } from './support.ts';

const personPage = pagesClosedAfterEach();

/** A scheduled (not yet live) consultation, made through the admin API. */
async function scheduledConsultation(page: Page, title: string): Promise<string> {
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const created = await page.request.post('/api/admin/sessions', {
    data: { kind: 'consultation', title, scheduledStart: `${day}T18:00`, durationMinutes: 90 },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

test('a host broadcasts from the studio and a citizen watches live', async ({ browser }) => {
  // Two browsers encoding and decoding video on two slow cores, and four axe runs.
  test.setTimeout(180_000);
  const hostPage = await personPage(browser);
  await new LoginPage(hostPage).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const sessionId = await scheduledConsultation(
    hostPage,
    `Veřejné projednání: nová lávka ${Date.now().toString(36)}`,
  );

  // The citizen comes early: the player waits and says so.
  const viewer = new ViewerPage(await personPage(browser));
  await viewer.open(sessionId);
  await viewer.expectState('waiting');
  await expect(viewer.stateText).toHaveText('Vysílání ještě nezačalo.');

  // The host opens the studio, allows the devices and goes live: that starts the session.
  const studio = new StudioPage(hostPage);
  await studio.openFromSession(sessionId);
  await studio.checkAccessibility();
  await expect(studio.whipPanel).toHaveAttribute('data-whip-state', /ready|error/);
  await studio.allowDevices();
  await studio.goLive();
  await expect(studio.sessionStatus).toHaveAttribute('data-status', 'live');
  await studio.checkAccessibility();

  // The citizen's page follows without a reload: picture and sound decode.
  await expect(viewer.session.status).toHaveAttribute('data-status', 'live');
  await viewer.expectState('playing', 60_000);
  await viewer.expectPictureFlowing();
  await viewer.expectSoundFlowing();
  await expect(viewer.quality).toHaveAttribute('data-quality', /good|fair|poor/, {
    timeout: 30_000,
  });
  await viewer.checkAccessibility();
  // A wide player receives a sharper layer than a quarter of the camera's width.
  await expect
    .poll(async () => (await viewer.stats()).video.frameWidth ?? 0, { timeout: 30_000 })
    .toBeGreaterThan(400);
  const wide = await viewer.stats();
  test.info().annotations.push({ type: 'viewer stats (wide)', description: JSON.stringify(wide) });

  // A phone-sized player asks for the lowest simulcast layer (a quarter of the camera's width).
  await viewer.page.setViewportSize({ width: 400, height: 800 });
  await expect
    .poll(async () => (await viewer.stats()).video.frameWidth ?? 0, { timeout: 30_000 })
    .toBeLessThanOrEqual(400);
  const narrow = await viewer.stats();
  test
    .info()
    .annotations.push({ type: 'viewer stats (narrow)', description: JSON.stringify(narrow) });
  await viewer.page.setViewportSize({ width: 1280, height: 720 });

  // Sound on with the keyboard only (browsers start live video muted).
  await expect(viewer.soundButton).toHaveText('Zapnout zvuk');
  await viewer.soundButton.focus();
  await viewer.page.keyboard.press('Enter');
  await expect(viewer.soundButton).toHaveText('Vypnout zvuk');
  expect(
    await viewer.page
      .locator('video.main')
      .evaluate((v) => (v as unknown as { muted: boolean }).muted),
  ).toBe(false);

  // Muting the studio microphone and turning the camera off reach the viewer in words.
  await studio.toggleMicrophone();
  await expect(viewer.page.getByText('Mikrofon ve studiu je ztlumený.')).toBeVisible();
  await studio.toggleMicrophone();
  await expect(viewer.page.getByText('Mikrofon ve studiu je ztlumený.')).toHaveCount(0);
  await studio.toggleCamera();
  await expect(viewer.page.getByText('Kamera ve studiu je vypnutá.')).toBeVisible();
  await studio.toggleCamera();
  await expect(viewer.page.getByText('Kamera ve studiu je vypnutá.')).toHaveCount(0);
  await expect(studio.preview).toBeVisible();
  await viewer.expectPictureFlowing();

  // The host stops: the citizen waits for the studio again; then the session ends.
  await studio.stop();
  await viewer.expectState('waiting');
  await expect(viewer.stateText).toHaveText('Zasedání probíhá, čekáme na obraz ze studia.');
  await studio.endSession();
  await expect(viewer.session.status).toHaveAttribute('data-status', 'ended');
  // The page turns to the recording, which is being processed now (it plays in the next test).
  const recording = viewer.page.getByTestId('recording');
  await expect(recording).toHaveAttribute('data-recording-state', /recording|processing|ready/);
  await expect(viewer.player).toHaveCount(0);
});

test('a dropped connection recovers by itself, at the viewer and at the studio', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const hostPage = await personPage(browser);
  await new LoginPage(hostPage).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const sessionId = await liveConsultation(hostPage, `Výpadek sítě ${Date.now().toString(36)}`);
  const studio = new StudioPage(hostPage);
  const studioSocket = await DroppableSocket.on(hostPage);
  await studio.open(sessionId);
  await studio.allowDevices();
  await studio.goLive();
  const viewer = new ViewerPage(await personPage(browser));
  const viewerSocket = await DroppableSocket.on(viewer.page);
  await viewer.open(sessionId);
  await viewer.expectState('playing', 60_000);
  await viewer.expectPictureFlowing();

  // The viewer's socket drops: the page receives again from the start by itself, and the
  // video comes back without a reload.
  const before = (await viewer.stats()).receivers;
  await viewerSocket.drop();
  await expect
    .poll(async () => (await viewer.stats()).receivers, { timeout: 30_000 })
    .toBe(before + 1);
  await viewer.expectState('playing', 60_000);
  await viewer.expectPictureFlowing();
  await viewer.expectSoundFlowing();

  // The studio's socket drops: it goes on air again by itself, and the viewer follows.
  await studioSocket.drop();
  await studio.expectState('reconnecting');
  await studio.expectState('live');
  await viewer.expectState('playing', 60_000);
  await viewer.expectPictureFlowing();

  await studio.stop();
  await viewer.expectState('waiting');
});

test('an ended session plays its recording on its page', async ({ browser }) => {
  test.setTimeout(180_000);
  const hostPage = await personPage(browser);
  await new LoginPage(hostPage).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const sessionId = await scheduledConsultation(hostPage, `Záznam zasedání ${Date.now()}`);
  const studio = new StudioPage(hostPage);
  await studio.open(sessionId);
  await studio.allowDevices();
  await studio.goLive();
  // A short broadcast: its recording is quick to process.
  await expect(hostPage.getByTestId('broadcast-elapsed')).toHaveText(/^0:1[0-9]$/, {
    timeout: 30_000,
  });
  await studio.endSession();
  await hostPage.context().close(); // its camera would slow the processing down

  const viewer = new ViewerPage(await personPage(browser));
  await viewer.page.goto(`/sessions/${sessionId}`);
  const recording = viewer.page.getByTestId('recording');
  await expect(recording).toHaveAttribute('data-recording-state', /processing|ready/);
  // The page asks again by itself while the recording is processed.
  await expect(recording).toHaveAttribute('data-recording-state', 'ready', { timeout: 120_000 });
  const video = recording.locator('video');
  await expect
    .poll(
      () =>
        video.evaluate((element) => {
          const v = element as unknown as { readyState: number; duration: number };
          return v.readyState >= 1 ? v.duration : 0;
        }),
      {
        timeout: 20_000,
        message: 'the recording loads its metadata',
      },
    )
    .toBeGreaterThan(5);
  await expect(recording.locator('time')).toHaveText(/^0:[0-9]{2}$/);
  await viewer.checkAccessibility();
});

test('the studio is for hosts and admins: others get a login link', async ({ browser }) => {
  const hostPage = await personPage(browser);
  await new LoginPage(hostPage).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const sessionId = await scheduledConsultation(hostPage, `Studio jen pro úřad ${Date.now()}`);
  const citizen = await personPage(browser);
  await citizen.goto(`/sessions/${sessionId}/studio`);
  const refused = citizen.getByTestId('studio-refused');
  await expect(refused).toContainText('Vysílat ze studia mohou hostitelé a správci.');
  await expect(refused.getByRole('link', { name: 'Přihlášení pro úřad' })).toHaveAttribute(
    'href',
    `/login?next=${encodeURIComponent(`/sessions/${sessionId}/studio`)}`,
  );
  await expectAccessible(citizen, 'studio (not staff)');
});
