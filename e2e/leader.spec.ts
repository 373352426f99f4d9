// Journey: open the app and see which member leads.
import { expect, test } from '@playwright/test';
import { memberCard, memberCards, openApp, waitForLeader } from './helpers';

test('a leader is shown', async ({ page }) => {
  await openApp(page);
  await expect(memberCards(page)).toHaveCount(3);
  const { name, term } = await waitForLeader(page);
  expect(term).toBeGreaterThan(0);
  const card = memberCard(page, name);
  await expect(card.getByTestId('member-role')).toHaveText(/leader/i);
  await expect(card.getByTestId('member-id')).toHaveText(/^[0-9a-f]{1,16}$/);
  await expect(page.getByTestId('cluster-leader')).toContainText(name);
  // Every other member follows it.
  for (const other of ['etcd-0', 'etcd-1', 'etcd-2'].filter((n) => n !== name)) {
    await expect(memberCard(page, other)).toHaveAttribute('data-role', 'follower');
  }
});
