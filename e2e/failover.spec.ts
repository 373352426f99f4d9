// Journey: kill the leader from its menu; the others elect a new leader in a higher term (Raft §5.2).
import { expect, test } from '@playwright/test';
import { memberCard, openApp, waitForLeader } from './helpers';

test('killing the leader brings a new leader with a higher term', async ({ page }) => {
  await openApp(page);
  const old = await waitForLeader(page);

  await memberCard(page, old.name).click();
  const menu = page.getByTestId(`member-menu-${old.name}`);
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Kill' }).click();

  await expect(memberCard(page, old.name)).toHaveAttribute('data-role', 'down');
  await expect(memberCard(page, old.name).getByTestId('member-role')).toHaveText(/down/i);
  const next = await waitForLeader(page, { notName: old.name, minTerm: old.term + 1 });
  expect(next.term).toBeGreaterThan(old.term);

  // Restarting it brings it back as a follower of the new leader.
  await memberCard(page, old.name).click();
  await page.getByTestId(`member-menu-${old.name}`).getByRole('menuitem', { name: 'Restart' }).click();
  await expect(memberCard(page, old.name)).toHaveAttribute('data-role', 'follower', { timeout: 60_000 });
});
