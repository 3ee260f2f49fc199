// Announcements and the outbox end to end: an admin finds both sections in the navigation,
// writes an announcement for one topic while the form counts its recipients live, schedules it
// (a time in the past is refused on the field), edits it, cancels another with a confirmation,
// and reads the outbox with a working status filter. A resident confirmed by the link in the
// run's mailbox is the audience. Axe runs on every page.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { LoginPage } from '../pages/admin.ts';
import {
  AnnouncementFormPage,
  AnnouncementSchedulePage,
  OutboxPage,
} from '../pages/announcements.ts';
import { expectAccessible } from './axe.ts';
import { linkIn, mailsTo } from './mailbox.ts';

const DAY = 86_400_000;

/** "YYYY-MM-DDTHH:MM" in the town's time, `days` from now at `time`. */
function townTime(days: number, time: string): string {
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(
    new Date(Date.now() + days * DAY),
  );
  return `${date}T${time}`;
}

interface Named {
  id: string;
  name: string;
}

test('an admin schedules, edits and cancels announcements and reads the outbox', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const email = `obyvatel.${run}@example.cz`;
  const subject = `Uzavírka Husovy ulice (${run})`;
  const edited = `Uzavírka Husovy ulice prodloužena (${run})`;
  const other = `Svoz odpadu (${run})`;

  await new LoginPage(page).login(E2E_ADMIN.email, E2E_ADMIN.password);

  // A resident subscribed to one topic and confirmed by the e-mailed link.
  const board = (await (await page.request.get('/api/board')).json()) as { topics: Named[] };
  const topic = board.topics[0]!;
  const subscribed = await page.request.post('/api/subscriptions', {
    data: { email, topicIds: [topic.id] },
  });
  expect(subscribed.status()).toBe(202);
  const [confirmation] = await mailsTo(email);
  const confirmed = await page.request.get(linkIn(confirmation!, 'subscriptions/confirm'), {
    maxRedirects: 0,
  });
  expect(confirmed.status()).toBe(303);
  const reach = (await (
    await page.request.post('/api/admin/announcements/preview', {
      data: { topicIds: [topic.id] },
    })
  ).json()) as { recipients: number };
  expect(reach.recipients).toBeGreaterThanOrEqual(1);

  // Both sections are in the admin's navigation.
  const nav = page.getByRole('navigation', { name: 'Navigace administrace' });
  await nav.getByRole('link', { name: 'Oznámení' }).click();
  const schedule = new AnnouncementSchedulePage(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oznámení');
  await expect(schedule.tab('Naplánovaná')).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page, 'announcement schedule');

  // The form counts the recipients live as the audience changes.
  await page.getByRole('link', { name: 'Nové oznámení' }).click();
  const form = new AnnouncementFormPage(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nové oznámení');
  await expect(form.preview).toHaveAttribute('role', 'status');
  await expect(form.preview).toContainText('Oznámení nyní dostan');
  await form.fill({
    subject,
    text: 'Od pondělí bude Husova ulice uzavřena.',
    topics: [topic.name],
    sendAt: townTime(2, '09:00'),
  });
  const count = reach.recipients === 1 ? '1 odběratel.' : `${reach.recipients} odběratel`;
  await expect(form.preview).toContainText(`Oznámení nyní dostan`);
  await expect(form.preview.getByTestId('recipient-count')).toContainText(count);
  await expect(form.preview).toHaveAttribute('aria-busy', 'false');
  await form.checkAccessibility('new announcement (filled)');
  await form.save('Uložit oznámení');

  // It is on the schedule, under its day, with its topic and count.
  await expect(page).toHaveURL(/\/admin\/announcements\?status=scheduled&saved=created$/);
  await expect(page.getByText('Oznámení bylo uloženo.')).toBeVisible();
  const item = schedule.item(subject);
  await expect(item.locator('time')).toHaveText('9:00');
  await expect(item).toContainText(topic.name);
  await expect(item.getByTestId('announcement-recipients')).toHaveText(String(reach.recipients));
  await expect(schedule.dayOf(item)).not.toBeEmpty();
  await expectAccessible(page, 'announcement schedule with one');

  // Edited: a time in the past is refused on its field, then the new subject is saved.
  await item.getByRole('link', { name: /^Upravit/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Oznámení: ${subject}`);
  await form.fill({ subject: edited, sendAt: townTime(-1, '09:00') });
  await form.save('Uložit změny');
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await expect(form.sendAt).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-sendAt-error')).toHaveText('Tento čas už uplynul');
  await expectAccessible(page, 'announcement edit with an error');
  await form.fill({ sendAt: townTime(3, '10:30') });
  await form.save('Uložit změny');
  await expect(page.getByText('Změny byly uloženy.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Oznámení: ${edited}`);
  await expectAccessible(page, 'announcement edit');

  // Another one, cancelled from the schedule after a confirmation.
  const created = await page.request.post('/api/admin/announcements', {
    data: { subject: other, text: 'Svoz bude ve středu.', sendAt: townTime(4, '07:00') },
  });
  expect(created.status()).toBe(201);
  await schedule.open();
  await expect(schedule.item(edited)).toContainText('10:30');
  await schedule.cancel(other);
  await expect(schedule.item(other)).toHaveCount(0);
  await schedule.tab('Zrušená').click();
  await expect(schedule.tab('Zrušená')).toHaveAttribute('aria-current', 'page');
  await expect(schedule.item(other)).toContainText('Zrušeno');
  await expect(schedule.item(edited)).toHaveCount(0);
  await expect(schedule.item(other).getByRole('link')).toHaveCount(0);
  await expectAccessible(page, 'cancelled announcements');

  // The outbox lists the confirmation e-mail; the status filter narrows the list.
  await nav.getByRole('link', { name: 'Odchozí pošta' }).click();
  const outbox = new OutboxPage(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Odchozí pošta');
  await expect(page.getByTestId('smtp-missing')).toHaveCount(0);
  const row = outbox.rowsTo(email);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Potvrzení odběru');
  await expect(row).toContainText('Odesláno');
  await expectAccessible(page, 'outbox');
  await outbox.filter('Odesláno');
  await expect(page).toHaveURL(/\/admin\/outbox\?status=sent$/);
  await expect(outbox.rowsTo(email)).toHaveCount(1);
  await expect(outbox.table.locator('tbody tr:not([data-status="sent"])')).toHaveCount(0);
  await outbox.filter('Zrušeno');
  await expect(page).toHaveURL(/\/admin\/outbox\?status=cancelled$/);
  await expect(outbox.rowsTo(email)).toHaveCount(0);
  await expectAccessible(page, 'outbox filtered');
});
