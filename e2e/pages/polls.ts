// Live polls from both sides: the citizen's poll cards on the session page and the polls
// panel of the moderators' console. Polls are found by their question, answers by label.
import { expect, type Locator, type Page } from '@playwright/test';
import type { SessionPage } from './citizen.ts';
import type { ModeratorConsole } from './moderator.ts';

/** Counts by answer label (an option, a scale value, a word), plus everyone who voted. */
export interface ExpectedResults {
  counts: Record<string, number>;
  voters: number;
}

/** Checks a results block (`poll-results`), the same on a citizen's card and in the console. */
export async function expectResults(results: Locator, expected: ExpectedResults): Promise<void> {
  for (const [label, count] of Object.entries(expected.counts)) {
    const entry = results.getByTestId('poll-result').filter({ hasText: label });
    await expect(entry.getByTestId('poll-count'), `count of "${label}"`).toHaveText(String(count));
  }
  await expect(results.getByTestId('poll-voters')).toHaveAttribute(
    'data-count',
    String(expected.voters),
  );
}

const byQuestion = (scope: Locator, testId: string, question: string) =>
  scope
    .getByTestId(testId)
    .filter({ has: scope.page().getByRole('heading', { name: question, exact: true }) });

export class CitizenPolls {
  constructor(readonly session: SessionPage) {}

  get page(): Page {
    return this.session.page;
  }

  get area(): Locator {
    return this.page.getByTestId('polls');
  }

  /** The card of a launched poll; `data-status` is open or closed. */
  card(question: string): Locator {
    return byQuestion(this.area, 'poll-card', question);
  }

  form(question: string): Locator {
    return this.card(question).getByTestId('poll-form');
  }

  results(question: string): Locator {
    return this.card(question).getByTestId('poll-results');
  }

  /** "Váš hlas byl uložen." with the stored answer, once the viewer has voted. */
  voted(question: string): Locator {
    return this.card(question).getByTestId('poll-status');
  }

  /** The server's refusal (or a local hint) next to the ballot, role="alert". */
  error(question: string): Locator {
    return this.card(question).getByTestId('poll-error');
  }

  submitButton(question: string): Locator {
    return this.form(question).getByRole('button', { name: /^(Hlasovat|Změnit hlas)$/ });
  }

  option(question: string, label: string): Locator {
    return this.form(question).getByRole('radio', { name: label, exact: true });
  }

  /** Picks an option with the mouse, sends it and waits for the server's ack. */
  async choose(question: string, label: string) {
    await this.option(question, label).check();
    await this.submit(question);
  }

  /** Types up to three words into the word-cloud ballot and sends them. */
  async sendWords(question: string, words: string[]) {
    for (const [index, word] of words.entries()) {
      await this.form(question)
        .getByLabel(`Odpověď ${index + 1}`, { exact: true })
        .fill(word);
    }
    await this.submit(question);
  }

  /** Clicks Hlasovat / Změnit hlas and waits until the newly stored answer is shown. */
  async submit(question: string) {
    const answer = this.voted(question);
    const before = (await answer.count()) ? await answer.textContent() : null;
    await this.submitButton(question).click();
    await expect(this.error(question)).toHaveCount(0);
    await expect(answer).toHaveAttribute('data-voted', 'true');
    if (before !== null) await expect(answer).not.toHaveText(before);
  }

  expectResults(question: string, expected: ExpectedResults) {
    return expectResults(this.results(question), expected);
  }
}

export interface NewPoll {
  question: string;
  kind: 'Jedna možnost' | 'Více možností' | 'Hodnocení na škále' | 'Slovní mrak';
  options?: string[];
  allowChange?: boolean;
}

export class ModeratorPolls {
  constructor(readonly console: ModeratorConsole) {}

  get page(): Page {
    return this.console.page;
  }

  get panel(): Locator {
    return this.page.getByTestId('polls-panel');
  }

  /** A poll's row in any group; `data-status` is draft, open or closed. */
  row(question: string): Locator {
    return byQuestion(this.panel, 'mod-poll', question);
  }

  group(status: 'draft' | 'open' | 'closed'): Locator {
    const testId = { draft: 'polls-drafts', open: 'polls-open', closed: 'polls-closed' }[status];
    return this.panel.getByTestId(testId);
  }

  /** Fills "Nová anketa" (results live) and saves it among the drafts. */
  async create(poll: NewPoll) {
    await this.panel.getByTestId('poll-new').click();
    const editor = this.panel.getByTestId('poll-editor');
    await expect(editor.getByLabel('Otázka', { exact: true })).toBeFocused();
    await editor.getByLabel('Otázka', { exact: true }).fill(poll.question);
    await editor.getByRole('radio', { name: poll.kind, exact: true }).check();
    const options = poll.options ?? [];
    for (const [index, label] of options.entries()) {
      if (index >= 2) await editor.getByRole('button', { name: 'Přidat možnost' }).click();
      await editor.getByLabel(`Možnost ${index + 1}`, { exact: true }).fill(label);
    }
    await editor.getByRole('radio', { name: 'Živě během hlasování', exact: true }).check();
    await editor
      .getByLabel('Povolit změnu hlasu', { exact: true })
      .setChecked(poll.allowChange ?? false);
    await editor.getByTestId('poll-save').click();
    await expect(editor).toHaveCount(0);
    await expect(
      this.group('draft').getByTestId('mod-poll').filter({ hasText: poll.question }),
    ).toBeVisible();
  }

  async launch(question: string) {
    await this.row(question).getByTestId('poll-launch').click();
    await expect(this.row(question)).toHaveAttribute('data-status', 'open');
    await expect(this.group('open')).toContainText(question);
  }

  /** Ukončit → Ano, ukončit. */
  async close(question: string) {
    const row = this.row(question);
    await row.getByTestId('poll-close').click();
    await row.getByTestId('poll-close-confirm').click();
    await expect(row).toHaveAttribute('data-status', 'closed');
    await expect(this.group('closed')).toContainText(question);
  }

  expectResults(question: string, expected: ExpectedResults) {
    return expectResults(this.row(question).getByTestId('poll-results'), expected);
  }
}

/**
 * Keeps the `poll:ballot` echo (the viewer's own vote, sent to every tab of theirs) away from
 * this page, so its ballot form stays although the same person has voted in another tab —
 * the only way a browser can send a second vote that the server must refuse.
 */
export async function withoutOwnBallotEchoes(page: Page): Promise<void> {
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    server.onMessage((message) => {
      if (typeof message === 'string' && message.startsWith('42["poll:ballot"')) return;
      socket.send(message);
    });
  });
}
