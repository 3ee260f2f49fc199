// The embeds: the admin's snippet maker (/admin/embed) and a widget as a town's page frames it.
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../tests/axe.ts';

export class EmbedAdminPage {
  readonly snippet: Locator;
  readonly preview: Locator;
  readonly copied: Locator;

  constructor(readonly page: Page) {
    this.snippet = page.getByTestId('embed-snippet');
    this.preview = page.getByTestId('embed-preview');
    this.copied = page.getByRole('status').filter({ hasText: /zkopírovaný|Schránka/ });
  }

  async open() {
    await this.page.goto('/admin/embed');
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'Vložení na web' }),
    ).toBeVisible();
  }

  async choose(options: {
    widget: 'Setkání' | 'Otázky';
    count?: number;
    kind?: string;
    look?: 'Světlý' | 'Tmavý';
    lang?: 'Čeština' | 'English';
    compact?: boolean;
  }) {
    await this.page.getByRole('radio', { name: new RegExp(`^${options.widget}:`) }).check();
    const form = this.page.getByRole('form', { name: 'Nastavení' });
    if (options.count) {
      await form.getByLabel(/^Počet/).selectOption(String(options.count));
    }
    if (options.kind) await form.getByLabel('Druh setkání').selectOption({ label: options.kind });
    if (options.look) await form.getByLabel('Vzhled').selectOption({ label: options.look });
    if (options.lang) await form.getByLabel('Jazyk').selectOption({ label: options.lang });
    if (options.compact !== undefined) {
      await form.getByRole('checkbox', { name: /Kompaktní/ }).setChecked(options.compact);
    }
  }

  /** The snippet's iframe address (its attribute, unescaped). */
  async snippetSrc(): Promise<string> {
    const html = await this.snippet.inputValue();
    const src = /src="([^"]+)"/.exec(html)?.[1];
    if (!src) throw new Error(`no src in the snippet: ${html}`);
    return src.replaceAll('&amp;', '&');
  }

  /** The snippet must frame exactly what the preview shows. */
  async expectSnippetMatchesPreview() {
    await expect(this.preview).toHaveAttribute('src', await this.snippetSrc());
    const html = await this.snippet.inputValue();
    const title = /title="([^"]+)"/.exec(html)?.[1];
    await expect(this.preview).toHaveAttribute('title', title!);
    await expect(this.preview).toHaveAttribute('height', /height="(\d+)"/.exec(html)![1]!);
  }
}

/** A widget framed by the town's page, found by the start of its iframe's title. */
export function widgetIn(page: Page, titleStart: string): FrameLocator {
  return page.frameLocator(`iframe[title^="${titleStart}"]`);
}

/** The snippet's script has fitted the frame to the widget: no inner scrolling, no empty band. */
export async function expectFrameFitsWidget(page: Page, titleStart: string) {
  const frame = page.locator(`iframe[title^="${titleStart}"]`);
  await expect(frame).toHaveAttribute('style', /height:\s*\d+px/);
  const content = widgetIn(page, titleStart).getByTestId('embed-content');
  const height = (element: Locator) =>
    element.evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  await expect
    .poll(async () => Math.abs((await height(frame)) - (await height(content))))
    .toBeLessThanOrEqual(1);
}

/** A widget opened on its own, at a phone's narrowest width, checked with axe. */
export async function expectReadableWidget(page: Page, url: string) {
  await page.setViewportSize({ width: 300, height: 700 });
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Náměstí — / })).toBeVisible();
  // Nothing wider than the frame: no sideways scrolling at 300 px.
  const overflow = await page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }
    ).document.documentElement;
    return root.scrollWidth;
  });
  expect(overflow).toBeLessThanOrEqual(300);
  await expectAccessible(page, url);
}
