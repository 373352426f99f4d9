// Journey: keyboard only. Tab reaches a member card (the links take one tab stop between them, not
// one each); the card shows a focus ring; Enter opens its menu and moves focus into it; the arrow
// keys move within the menu; Escape closes it and gives focus back to the card. The arrow keys move
// between the link buttons, which show while focused.
import { expect, test, type Page } from '@playwright/test';
import { openApp, waitForLeader } from './helpers';

/** What has focus: a member card's name, a link chip's test id, or a short description. */
async function focused(page: Page): Promise<{ card: string | null; link: string | null; inMenu: string | null; tag: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const node = el?.closest<HTMLElement>('.react-flow__node-etcdMember');
    const menu = el?.closest<HTMLElement>('[data-testid^="member-menu-"]');
    return {
      card: node && node === el ? (node.dataset.id ?? null) : null,
      link: el?.classList.contains('link-chip') ? el.getAttribute('data-testid') : null,
      inMenu: menu ? menu.getAttribute('data-testid')!.replace('member-menu-', '') : null,
      tag: el ? `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `#${el.getAttribute('data-testid')}` : ''}` : 'none',
    };
  });
}

test('Tab to a card, Enter opens its menu with focus inside, Escape closes it and returns focus', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  // The terminal takes focus on load (and keeps Tab for itself); start from the palette's last
  // button, just before the canvas in tab order.
  await page.getByTestId('action-relayout').focus();

  const linksVisited = new Set<string>();
  let card: string | null = null;
  for (let i = 0; i < 40 && !card; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.link) linksVisited.add(f.link);
    card = f.card;
  }
  expect(card, 'Tab reaches a member card').not.toBeNull();
  expect(linksVisited.size, 'the three links take one tab stop between them').toBeLessThanOrEqual(1);

  // A visible focus ring on the card.
  const outline = await page.getByTestId(`member-${card}`).evaluate((e) => getComputedStyle(e).outlineStyle);
  expect(outline).not.toBe('none');

  await page.keyboard.press('Enter');
  const menu = page.getByTestId(`member-menu-${card}`);
  await expect(menu).toBeVisible();
  await expect.poll(async () => (await focused(page)).inMenu).toBe(card);
  await expect(menu.getByRole('menuitem', { name: 'Kill' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Isolate' })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect.poll(async () => (await focused(page)).card).toBe(card);
  // The simulation was not paused by any of this.
  await expect(page.getByTestId('toggle-pause')).toHaveAccessibleName('Pause');

  // Enter on an item runs it; the menu closes and focus is back on the card.
  await page.keyboard.press('Enter');
  await expect(menu.getByRole('menuitem', { name: 'Kill' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(page.getByTestId(`member-${card}`)).toHaveAttribute('data-role', 'down');
  await expect.poll(async () => (await focused(page)).card).toBe(card);
});

test('the links are one tab stop; arrow keys move between them and the focused one shows its button', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  // The terminal takes focus on load (and keeps Tab for itself); start from the palette's last
  // button, just before the canvas in tab order.
  await page.getByTestId('action-relayout').focus();
  let link: string | null = null;
  for (let i = 0; i < 40 && !link; i++) {
    await page.keyboard.press('Tab');
    link = (await focused(page)).link;
  }
  expect(link).not.toBeNull();
  const first = page.getByTestId(link!);
  await expect.poll(() => first.evaluate((e) => Number(getComputedStyle(e).opacity))).toBeGreaterThan(0.9);

  await page.keyboard.press('ArrowRight');
  const second = (await focused(page)).link;
  expect(second).not.toBeNull();
  expect(second).not.toBe(link);
  // Tab from a link goes on past the other links.
  await page.keyboard.press('Tab');
  expect((await focused(page)).link).toBeNull();
  // Enter on a focused link cuts it.
  await page.keyboard.press('Shift+Tab');
  expect((await focused(page)).link).toBe(second);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(second!)).toHaveAttribute('data-cut', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(second!)).toHaveAttribute('data-cut', 'false');
});
