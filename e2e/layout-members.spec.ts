// Journeys: the canvas stays tidy. Members added and removed four times leave no cards behind and
// none stacked on one spot; new members land inside the view and on free space; at 7 members the
// 21 links do not carry 21 buttons and the legend covers no card; a member's menu closes after its
// action; the health pill counts reachable members, not merely running ones.
import { expect, test, type Page } from '@playwright/test';
import { linkChip, memberCard, memberCards, openApp, waitForLeader } from './helpers';
import { cardBoxes, expectTidyCards, overlap, settle, shownLinkChips } from './layout-helpers';

async function addMemberFromPalette(page: Page): Promise<string> {
  const before = new Set((await cardBoxes(page)).keys());
  await page.getByTestId('palette-etcd-member').focus();
  await page.keyboard.press('Enter');
  let added = '';
  await expect(async () => {
    const now = [...(await cardBoxes(page)).keys()].filter((n) => !before.has(n));
    expect(now).toHaveLength(1);
    added = now[0];
  }).toPass({ timeout: 60_000 });
  await expect(memberCard(page, added)).toHaveAttribute('data-role', 'follower', { timeout: 60_000 });
  return added;
}

test('four add/remove cycles leave the three members, tidy, with no stacked or stale cards', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await waitForLeader(page);
  const canvas = page.getByTestId('canvas');

  for (let cycle = 0; cycle < 4; cycle++) {
    const added = await addMemberFromPalette(page);
    await expect(memberCards(page)).toHaveCount(4);
    await settle(page);
    // The new member is on free space inside the view.
    await expectTidyCards(page, canvas);

    await memberCard(page, added).click();
    const menu = page.getByTestId(`member-menu-${added}`);
    await menu.getByRole('menuitem', { name: 'Remove' }).click();
    // The menu closes after its action.
    await expect(menu).toBeHidden();
    // The card shows as removed, then leaves the canvas.
    await expect(memberCard(page, added)).toHaveCount(0, { timeout: 30_000 });
    await expect(memberCards(page)).toHaveCount(3);
  }
  await settle(page);
  await expectTidyCards(page, canvas);

  // Tidy layout puts only the current members back on the circle.
  await page.getByTestId('action-relayout').click();
  await settle(page);
  await expect(memberCards(page)).toHaveCount(3);
  await expectTidyCards(page, canvas);
});

test('at 7 members: few link buttons at once, the legend covers no card, cards do not overlap', async ({ page }) => {
  await openApp(page, '?members=7');
  await waitForLeader(page);
  await expect(memberCards(page)).toHaveCount(7);
  await settle(page);
  const canvas = page.getByTestId('canvas');
  await expectTidyCards(page, canvas);

  // 21 links, all in the DOM for tests and assistive tech, but none of their buttons drawn at rest.
  await expect(page.locator('button.link-chip')).toHaveCount(21);
  expect(await shownLinkChips(page)).toBe(0);

  // Hovering a link shows its button only.
  const chip = linkChip(page, 'etcd-0', 'etcd-3');
  const box = (await chip.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2 + 18, box.y + box.height / 2, { steps: 3 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await expect.poll(() => shownLinkChips(page)).toBeGreaterThanOrEqual(1);
  expect(await shownLinkChips(page)).toBeLessThanOrEqual(2);

  // Selecting a member shows its own links' buttons, not all 21.
  await page.mouse.move(5, 5);
  await memberCard(page, 'etcd-1').click();
  await expect.poll(() => shownLinkChips(page)).toBe(6);

  const legend = (await page.locator('.legend').boundingBox())!;
  for (const [name, b] of await cardBoxes(page)) expect(overlap(legend, b), `the legend covers ${name}`).toBe(false);
});

test('a member cut off turns the health pill amber with "2/3 reachable"; a down member shows last-known figures', async ({ page }) => {
  await openApp(page);
  const leader = await waitForLeader(page);
  const health = page.getByTestId('cluster-health');
  await expect(page.getByTestId('cluster-reachable')).toHaveText('3/3 up');
  await expect(health).toHaveClass(/health--ok/);

  const follower = ['etcd-0', 'etcd-1', 'etcd-2'].find((n) => n !== leader.name)!;
  await memberCard(page, follower).click();
  await page.getByTestId(`member-menu-${follower}`).getByRole('menuitem', { name: 'Isolate' }).click();
  await expect(page.getByTestId(`member-menu-${follower}`)).toBeHidden();
  await expect(page.getByTestId('cluster-reachable')).toHaveText('2/3 reachable');
  await expect(health).toHaveClass(/health--degraded/);
  await page.getByTestId('action-heal').click();
  await expect(page.getByTestId('cluster-reachable')).toHaveText('3/3 up');

  await memberCard(page, follower).click();
  await page.getByTestId(`member-menu-${follower}`).getByRole('menuitem', { name: 'Kill' }).click();
  const card = memberCard(page, follower);
  await expect(card).toHaveAttribute('data-role', 'down');
  await expect(card.getByTestId('member-last-known')).toBeVisible();
  await expect(card.getByTestId('member-applied')).toHaveText('—');
  expect(Number(await card.getByTestId('member-commit').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('cluster-reachable')).toHaveText('2/3 up');
  // The activity log reads as text: no raw JSON lines.
  const lines = await page.getByTestId('activity').locator('li').allTextContents();
  for (const l of lines) expect(l).not.toMatch(/^\S*\s*\{"level"/);
});
