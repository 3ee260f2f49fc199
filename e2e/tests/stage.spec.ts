// Citizens on stage end to end, with a real mediasoup worker and Chromium's fake microphone:
// a citizen raises a hand, the moderator gives them the floor with a time limit (keyboard
// only), the citizen's microphone really reaches a third person watching the session page,
// mute and more time reach everyone, a second hand is declined with a reason, and when the
// moderator ends the turn the sound stops, the citizen's microphone is released and their page
// says so. axe checks the citizen's page and the console with the panel.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { LoginPage } from '../pages/admin.ts';
import { SessionPage } from '../pages/citizen.ts';
import { ModeratorConsole } from '../pages/moderator.ts';
import { CitizenStage, ModeratorStage, recordDeviceTracks } from '../pages/stage.ts';
import { ViewerPage } from '../pages/viewer.ts';
import { liveConsultation, pagesClosedAfterEach } from './support.ts';

const personPage = pagesClosedAfterEach();

/** The stage audio the viewer receives, sampled twice a while apart. */
async function packetsOverTime(viewer: ViewerPage, ms: number): Promise<[number, number]> {
  const first = (await viewer.stats()).audio.packetsReceived;
  await viewer.page.waitForTimeout(ms);
  return [first, (await viewer.stats()).audio.packetsReceived];
}

test('a citizen takes the floor, everyone hears them, the moderator ends the turn', async ({
  browser,
}) => {
  // Three browsers, one sending and one receiving audio, on two slow cores; five axe runs.
  test.setTimeout(180_000);
  const moderatorPage = await personPage(browser);
  await new LoginPage(moderatorPage).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const sessionId = await liveConsultation(
    moderatorPage,
    `Konzultace: chodníky u školy ${Date.now().toString(36)}`,
  );
  const moderatorConsole = new ModeratorConsole(moderatorPage);
  await moderatorConsole.open(sessionId);
  const moderator = new ModeratorStage(moderatorConsole);
  await expect(moderator.panel).toContainText('Nikdo se zatím nehlásí o slovo.');

  // The citizen's page records the devices it opens, to check they are released at the end.
  const citizenPage = await personPage(browser);
  await recordDeviceTracks(citizenPage);
  await new SessionPage(citizenPage).open(sessionId);
  const citizen = new CitizenStage(citizenPage);
  // Someone else watches the same page: no studio is on air, so any sound is the stage's.
  const viewer = new ViewerPage(await personPage(browser));
  await viewer.open(sessionId);
  const viewerStage = new CitizenStage(viewer.page);
  const topic = 'Rozbitý chodník před základní školou';
  const secondTopic = 'Osvětlení v parku';
  await expect(viewerStage.speaker).toHaveAttribute('data-on-stage', 'no');

  // A topic that is too short is refused before it is sent; a proper one joins the list.
  await test.step('a citizen raises a hand', async () => {
    await citizen.raiseForm.getByLabel('O čem chcete mluvit').fill('ok');
    await citizen.raiseForm.getByRole('button', { name: 'Přihlásit se o slovo' }).click();
    await expect(citizen.raiseError).toBeVisible();
    await expect(citizen.raiseForm).toContainText('Napište téma alespoň o 3 znacích.');
    await citizen.raise(topic, 'Jana Nováková');
    await expect(citizen.position).toHaveText('Jste na řadě č. 1');
    await citizen.page.reload(); // the page asks for its state again and still knows
    await expect(citizen.position).toHaveText('Jste na řadě č. 1');
    await citizen.checkAccessibility();
  });

  // The moderator hears of the new hand and sees it in the list.
  await test.step('the moderator hears of it', async () => {
    await expect(moderator.request(topic)).toContainText('Jana Nováková');
    await expect(moderator.announcement).toHaveText(
      `Nová přihláška o slovo: Jana Nováková – ${topic}`,
    );
  });

  // A second hand, behind the first.
  await test.step('a second hand', async () => {
    await viewerStage.raise(secondTopic, 'Petr Dvořák');
    await expect(viewerStage.position).toHaveText('Jste na řadě č. 2');
    await expect(moderator.requests).toHaveCount(2);
    await expect(moderator.requests.first()).toContainText(topic);
  });

  // The floor with a two-minute limit, with the keyboard only.
  await test.step('the floor, with the keyboard', async () => {
    await moderator.acceptWithKeyboard(topic, '2 min');
    await expect(moderator.announcement).toHaveText('Jana Nováková má slovo.');
    await expect(citizen.turn).toContainText('Moderátor vám dal slovo');
    await expect(citizen.turn.getByTestId('stage-turn-countdown')).toHaveText(/^Zbývá [12]:\d\d$/);
    await expect(viewerStage.position).toHaveText('Jste na řadě č. 1');
    await expect(viewerStage.speaker.getByTestId('stage-speaker-name')).toHaveText('Jana Nováková');
    await expect(viewerStage.speaker).toContainText(topic);
  });

  // The citizen's microphone goes on stage; the viewer receives it in the stage tile.
  await test.step('the microphone reaches the viewer', async () => {
    await citizen.startMicrophone();
    await expect.poll(() => citizen.micLevel(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect(viewer.player.getByText('Občan u mikrofonu')).toBeVisible({ timeout: 30_000 });
    await viewer.expectSoundFlowing();
    const flowing = await viewer.stats();
    test
      .info()
      .annotations.push({ type: 'viewer stats (on stage)', description: JSON.stringify(flowing) });
    await citizen.checkAccessibility();
    // The console with both a speaker and a waiting hand.
    await moderatorConsole.checkAccessibility();
  });

  // Muted by the moderator: the citizen and everyone else are told, and no sound arrives.
  await test.step('mute and unmute', async () => {
    await moderator.toggleMute();
    await expect(citizen.turn.getByTestId('stage-turn-muted')).toBeVisible();
    await expect(viewerStage.speaker.getByTestId('stage-speaker-muted')).toBeVisible();
    await expect
      .poll(
        async () => {
          const [before, after] = await packetsOverTime(viewer, 1_500);
          return after - before;
        },
        { timeout: 20_000, message: 'no stage audio arrives while muted' },
      )
      .toBeLessThan(5);
    await moderator.toggleMute();
    await expect(citizen.turn.getByTestId('stage-turn-muted')).toHaveCount(0);
    await viewer.expectSoundFlowing();
  });

  // A minute more: the countdown goes past two minutes everywhere.
  await test.step('a minute more', async () => {
    await moderator.addMinute();
    await expect(moderator.speaker.getByTestId('stage-mod-countdown')).toHaveText(/^Zbývá 2:\d\d$/);
    await expect(viewerStage.speaker.getByTestId('stage-speaker-countdown')).toHaveText(
      /^Zbývá 2:\d\d$/,
    );
  });

  // While someone speaks nobody else can be given the floor; the second hand is declined.
  await test.step('the second hand is declined', async () => {
    await expect(moderator.request(secondTopic).getByTestId('stage-accept')).toBeDisabled();
    await moderator.decline(secondTopic, 'Na to bude zvláštní setkání.');
    await expect(viewerStage.ended).toContainText('Moderátor vaši přihlášku o slovo odmítl.');
    await expect(viewerStage.ended).toContainText('Důvod: Na to bude zvláštní setkání.');
  });

  // The moderator ends the turn: the sound stops, the tile goes, the microphone is released.
  await test.step('the moderator ends the turn', async () => {
    await moderator.removeWithKeyboard();
    await expect(moderator.announcement).toHaveText('Příspěvek ukončen: Jana Nováková.');
    await expect(citizen.ended).toContainText('Váš příspěvek skončil. Děkujeme.');
    await expect(citizen.turn).toHaveCount(0);
    await expect(citizen.raiseForm).toBeVisible();
    await expect.poll(() => citizen.deviceTracks()).toEqual(['audio:ended']);
    await expect(viewerStage.speaker).toHaveAttribute('data-on-stage', 'no');
    await expect(viewer.player.getByText('Občan u mikrofonu')).toHaveCount(0);
    await expect
      .poll(
        async () => {
          const [before, after] = await packetsOverTime(viewer, 1_500);
          return after - before;
        },
        { timeout: 20_000, message: 'the stage audio has stopped' },
      )
      .toBeLessThan(5);
    // The declined note and the form again, on the second citizen's page.
    await viewerStage.checkAccessibility();
  });
});
