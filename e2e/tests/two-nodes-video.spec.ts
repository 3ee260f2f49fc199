// Live video across two app nodes on PostgreSQL and Redis: the host's studio talks to node A,
// the citizen's page to node B, and the picture and sound still reach the citizen, because
// node B forwards the signalling to the node that carries the session's media.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { LoginPage } from '../pages/admin.ts';
import { StudioPage } from '../pages/studio.ts';
import { ViewerPage } from '../pages/viewer.ts';
import { startTwoNodes, type TwoNodes } from './two-nodes.ts';

let nodes: TwoNodes;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  nodes = await startTwoNodes();
});

test.afterAll(async () => {
  await nodes?.stop();
});

test('a host on node A broadcasts and a citizen on node B watches', async ({ browser }) => {
  test.setTimeout(180_000);
  const hostContext = await browser.newContext({ baseURL: nodes.a.url });
  const citizenContext = await browser.newContext({ baseURL: nodes.b.url });
  try {
    const hostPage = await hostContext.newPage();
    await new LoginPage(hostPage).login(E2E_ADMIN.email, E2E_ADMIN.password);
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const created = await hostPage.request.post('/api/admin/sessions', {
      data: {
        kind: 'consultation',
        title: 'Dvě uzlové stanice: rekonstrukce knihovny',
        scheduledStart: `${day}T18:00`,
        durationMinutes: 90,
      },
    });
    expect(created.status()).toBe(201);
    const { id: sessionId } = (await created.json()) as { id: string };

    const viewer = new ViewerPage(await citizenContext.newPage());
    await viewer.open(sessionId);
    await viewer.expectState('waiting');

    const studio = new StudioPage(hostPage);
    await studio.open(sessionId);
    await studio.allowDevices();
    await studio.goLive();
    await expect(studio.sessionStatus).toHaveAttribute('data-status', 'live');

    await viewer.expectState('playing', 60_000);
    await viewer.expectPictureFlowing();
    await viewer.expectSoundFlowing();

    // Stopping on node A reaches the citizen on node B.
    await studio.stop();
    await viewer.expectState('waiting', 30_000);
  } finally {
    await hostContext.close();
    await citizenContext.close();
  }
});
