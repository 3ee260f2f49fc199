// A resident's e-mail subscription end to end, without an account: from the home page to
// /odber, a wrong address told at its field, subscribing with the keyboard alone → the
// confirmation arrives at the run's SMTP server and its link shows the confirmed banner →
// subscribing again brings the manage link, where a choice is changed → opening the e-mail's
// unsubscribe link (as a link scanner does) deletes nothing → the page's button unsubscribes
// → the manage link names nothing any more. Another resident deletes everything from the
// manage page. Axe runs on every page.
import { expect, test } from '@playwright/test';
import { ManageSubscriptionPage, SubscribePage, UnsubscribePage } from '../pages/subscriptions.ts';
import { linkIn, mailsTo, unsubscribeLinkIn } from './mailbox.ts';
import { browserPage } from './support.ts';

test('a resident subscribes, changes a choice, and only the button unsubscribes', async ({
  browser,
}) => {
  // Seven axe runs and two e-mails on a loaded two-core machine.
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const email = `petr.novak.${run}@example.cz`;
  const page = await browserPage(browser);

  // The English address leads to the Czech one; the home page links to it.
  await page.goto('/subscriptions');
  await expect(page).toHaveURL(/\/odber$/);
  await page.goto('/');
  await page.getByTestId('home-subscribe').click();
  const subscribe = new SubscribePage(page);
  await subscribe.ready();
  await subscribe.checkAccessibility();

  // A wrong address: the server's 400 is told at the field, and the summary takes focus.
  await subscribe.subscribeWithKeyboard('petr.novak@', []);
  await expect(subscribe.errors).toBeFocused();
  await expect(subscribe.errors).toContainText('Vaše e-mailová adresa');
  await expect(subscribe.form.getByLabel('Vaše e-mailová adresa')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await subscribe.checkAccessibility();

  await subscribe.subscribeWithKeyboard(email, ['Zasedání zastupitelstva', 'Nádražní čtvrť']);
  await expect(page).toHaveURL(/\/odber\?stav=odeslano$/);
  await expect(subscribe.status).toContainText('Poslali jsme vám e-mail s odkazem.');
  await expect(subscribe.status).toBeFocused();
  await expect(subscribe.errors).toHaveCount(0);

  // Only the confirmation link until it is opened.
  const [confirmation] = await mailsTo(email);
  expect(confirmation!.subject).toContain('Potvrďte odběr zpráv');
  expect(confirmation!.text).not.toContain('/odber/sprava');
  await page.goto(linkIn(confirmation!, 'subscriptions/confirm'));
  await expect(page).toHaveURL(/\/odber\?stav=potvrzen$/);
  await expect(subscribe.status).toContainText('Odběr je potvrzený.');
  await subscribe.checkAccessibility();

  // Subscribed already: the form again brings the link to change it.
  await subscribe.subscribe(email);
  await expect(subscribe.status).toContainText('Poslali jsme vám e-mail s odkazem.');
  const [, already] = await mailsTo(email, 2);
  expect(already!.text).toContain('už zprávy odebírá');
  const manageLink = linkIn(already!, 'odber/sprava');
  const stopLink = linkIn(already!, 'subscriptions/stop');
  expect(already!.text).toContain('Odhlásit se (unsubscribe):');
  expect(unsubscribeLinkIn(already!)).toBe(stopLink);

  // The manage page shows the choices made with the keyboard and changes one.
  const manage = new ManageSubscriptionPage(page);
  await manage.open(manageLink);
  await expect(manage.email).toContainText(email);
  await expect(manage.choice('Zasedání zastupitelstva')).toBeChecked();
  await expect(manage.choice('Nádražní čtvrť')).toBeChecked();
  await expect(manage.choice('Veřejné slyšení')).not.toBeChecked();
  await manage.checkAccessibility();
  await manage.choice('Veřejné slyšení').check();
  await manage.choice('Zprávu, když začne živé vysílání').uncheck();
  await manage.save();
  await manage.open(manageLink);
  await expect(manage.choice('Veřejné slyšení')).toBeChecked();
  await expect(manage.choice('Zasedání zastupitelstva')).toBeChecked();
  await expect(manage.choice('Zprávu, když začne živé vysílání')).not.toBeChecked();

  // Opening the unsubscribe link, as a link scanner does, only shows the button.
  const unsubscribe = new UnsubscribePage(page);
  await unsubscribe.open(stopLink);
  await expect(page).toHaveURL(/\/odber\/odhlasit\?token=/);
  await expect(unsubscribe.form).toContainText(email);
  await unsubscribe.checkAccessibility();
  await manage.open(manageLink);
  await expect(manage.email).toContainText(email);

  // The button unsubscribes; the links name nothing any more.
  await unsubscribe.open(stopLink);
  await unsubscribe.confirm();
  await expect(unsubscribe.done).toContainText('Jste odhlášeni.');
  await unsubscribe.checkAccessibility();
  await manage.open(manageLink);
  await expect(manage.unknown).toContainText('Tento odkaz už neplatí');
  await expect(manage.form).toHaveCount(0);
  await manage.checkAccessibility();

  // The board's follow-up e-mails unsubscribe the same way, by a button.
  const boardStop = new UnsubscribePage(page);
  await boardStop.open(`/otazky/odhlasit?token=neznamy-odkaz-${run}`, 'Zrušit odběr odpovědi');
  await boardStop.checkAccessibility();
  await page.context().close();
});

test('a resident deletes everything from the manage page', async ({ browser }) => {
  const email = `eva.mala.${Date.now().toString(36)}@example.cz`;
  const page = await browserPage(browser);
  const subscribe = new SubscribePage(page);
  await subscribe.open();
  await subscribe.subscribe(email, ['Doprava a parkování']);
  await expect(subscribe.status).toContainText('Poslali jsme vám e-mail s odkazem.');
  const [confirmation] = await mailsTo(email);
  await page.goto(linkIn(confirmation!, 'subscriptions/confirm'));
  await subscribe.subscribe(email);
  const [, already] = await mailsTo(email, 2);
  const manageLink = linkIn(already!, 'odber/sprava');

  const manage = new ManageSubscriptionPage(page);
  await manage.open(manageLink);
  await expect(manage.choice('Doprava a parkování')).toBeChecked();
  const removal = page.getByTestId('delete-subscription');
  await expect(removal).toContainText('Nic si neponecháme');
  // Two steps, the second one focused, so a stray click deletes nothing.
  await removal.getByRole('button', { name: 'Smazat odběr a adresu' }).click();
  const confirm = removal.getByRole('button', { name: 'Ano, smazat vše' });
  await expect(confirm).toBeFocused();
  await manage.checkAccessibility();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/odber\?stav=zrusen$/);
  await expect(subscribe.status).toContainText('Odběr je zrušený.');

  await manage.open(manageLink);
  await expect(manage.unknown).toBeVisible();
  await page.context().close();
});
