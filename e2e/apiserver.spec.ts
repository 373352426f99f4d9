// Journey: the control plane on the canvas. The kube-apiserver card comes up ready beside the etcd
// ring with kubectl beyond it; `kubectl get ns` in the terminal raises its served count, lists the
// request on the card and flies as a request and a response; the cards keep clear of each other and
// of the legend at a phone's, a tablet's and a desktop's size; and the card has the members'
// keyboard: Tab reaches it, Enter opens its menu (Kill / Restart), Escape gives focus back.
import { expect, test, type Page } from '@playwright/test';
import { memberCards, openApp, runCommand } from './helpers';
import { overlap, settle, type Rect } from './layout-helpers';

const apiserverName = 'kube-apiserver-0';
const card = (page: Page) => page.getByTestId(`apiserver-${apiserverName}`);

async function openReady(page: Page): Promise<void> {
  await openApp(page);
  await expect(card(page)).toBeVisible();
  // A busy machine runs the simulation slower than asked: the bootstrap can take a while.
  await expect(card(page)).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  await expect(card(page).getByTestId('apiserver-state')).toHaveText('Ready');
}

async function served(page: Page): Promise<number> {
  return Number(await card(page).getByTestId('apiserver-served').textContent());
}

/** Every card on the canvas (members, the apiserver, kubectl), by test id. */
async function allCards(page: Page): Promise<[string, Rect][]> {
  const out: [string, Rect][] = [];
  for (const el of await page.locator('[data-testid^="member-etcd-"], [data-testid^="apiserver-kube-apiserver-"], [data-testid="kubectl-node"]').all()) {
    const box = await el.boundingBox();
    if (box) out.push([(await el.getAttribute('data-testid'))!, box]);
  }
  return out;
}

test('the apiserver is ready; kubectl get ns is served, listed on its card and flies to it and back', async ({ page }) => {
  await openReady(page);
  await expect(page.getByTestId('kubectl-node')).toBeVisible();
  await expect(page.locator('.legend')).toContainText('Request');
  // Which kinds of dot the message layer draws from now on (its canvas says what each frame drew).
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { seenDots: Set<string> }).seenDots = seen;
    const layer = document.querySelector('[data-testid="message-layer"]') as HTMLCanvasElement & { kubeplayDots?: { kind: string }[] };
    const look = () => {
      for (const d of layer.kubeplayDots ?? []) seen.add(d.kind);
      requestAnimationFrame(look);
    };
    look();
  });
  const before = await served(page);

  // Until the apiserver's bootstrap has made RBAC's roles, an early request may be refused: ask again.
  await expect(async () => {
    const out = await runCommand(page, 'kubectl get ns');
    expect(out.join('\n')).toContain('kube-system');
  }).toPass({ timeout: 60_000 });

  await expect.poll(() => served(page)).toBeGreaterThan(before);
  const recent = card(page).getByTestId('apiserver-request').first();
  await expect(recent).toHaveText('GET /api/v1/namespaces 200');
  await expect.poll(() => page.evaluate(() => [...(window as unknown as { seenDots: Set<string> }).seenDots].sort())).toEqual(
    expect.arrayContaining(['request', 'response']),
  );
  // The request line is text: a path is never markup. (Retried: on a loaded machine the card can
  // briefly show its foot while the apiserver's readiness is re-checked.)
  await expect(recent.locator('*')).toHaveCount(3);
});

const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 1024, height: 700 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

for (const size of sizes) {
  test(`${size.name} (${size.width}×${size.height}): the control plane sits beside the ring, clear of every card and of the legend`, async ({ page }, info) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openReady(page);
    await expect(memberCards(page)).toHaveCount(3);
    await settle(page);
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const cards = await allCards(page);
    expect(cards.map(([id]) => id).sort()).toEqual([`apiserver-${apiserverName}`, 'kubectl-node', 'member-etcd-0', 'member-etcd-1', 'member-etcd-2']);
    for (const [id, b] of cards) {
      expect(b.x, `${id} is inside the canvas (left)`).toBeGreaterThanOrEqual(canvas.x - 1);
      expect(b.y, `${id} is inside the canvas (top)`).toBeGreaterThanOrEqual(canvas.y - 1);
      expect(b.x + b.width, `${id} is inside the canvas (right)`).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
      expect(b.y + b.height, `${id} is inside the canvas (bottom)`).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
    }
    for (let i = 0; i < cards.length; i++) {
      for (let j = i + 1; j < cards.length; j++) expect(overlap(cards[i][1], cards[j][1]), `${cards[i][0]} and ${cards[j][0]} do not overlap`).toBe(false);
    }
    const legend = (await page.locator('.legend').boundingBox())!;
    for (const [id, b] of cards) expect(overlap(legend, b), `the legend covers ${id}`).toBe(false);
    // The apiserver's figures are readable, not cut off.
    await expect(card(page).getByTestId('apiserver-name')).toHaveText(apiserverName);
    await page.screenshot({ path: info.outputPath(`apiserver-${size.name}.png`) });
  });
}

test('keyboard: Tab reaches the apiserver card, Enter opens its menu, Kill and Restart work, Escape returns focus', async ({ page }) => {
  await openReady(page);
  await page.getByTestId('action-relayout').focus();
  const focusedNode = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? null);
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await focusedNode()) === apiserverName;
  }
  expect(reached, 'Tab reaches the apiserver card').toBe(true);
  expect(await card(page).evaluate((e) => getComputedStyle(e).outlineStyle)).not.toBe('none');

  const menu = page.getByTestId(`apiserver-menu-${apiserverName}`);
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Kill' })).toBeFocused();
  await expect(menu).toContainText('worker');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect.poll(focusedNode).toBe(apiserverName);
  await expect(page.getByTestId('toggle-pause')).toHaveAccessibleName('Pause');

  await page.keyboard.press('Enter');
  await expect(menu.getByRole('menuitem', { name: 'Kill' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(card(page)).toHaveAttribute('data-up', 'false');
  await expect(card(page).getByTestId('apiserver-state')).toHaveText('Down');
  await expect.poll(focusedNode).toBe(apiserverName);

  await card(page).click();
  await menu.getByRole('menuitem', { name: 'Restart' }).click();
  await expect(card(page)).toHaveAttribute('data-up', 'true');
  await expect(page.getByTestId('activity')).toContainText(`${apiserverName} restarted`);
  // It fills its watch cache from etcd again, then serves, from a fresh count.
  await expect(card(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(async () => {
    const out = await runCommand(page, 'kubectl get ns');
    expect(out.join('\n')).toContain('kube-system');
  }).toPass({ timeout: 60_000 });
  await expect.poll(() => served(page)).toBeGreaterThan(0);
});
