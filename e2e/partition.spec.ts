// Journey: cut the leader off from the network. The majority elects a new leader in a higher term;
// the old leader, hearing from no quorum, steps down (check-quorum) and, with pre-vote, does not run
// its term up; its links show as cut. Healing the network brings it back as a follower of the new
// leader, in the new term.
import { expect, test } from '@playwright/test';
import { linkChip, memberCard, memberCards, openApp, waitForLeader } from './helpers';

test('isolating the leader elects a new one; healing brings the old leader back as a follower', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await openApp(page);
  await expect(memberCards(page)).toHaveCount(3);
  const old = await waitForLeader(page);
  const others = ['etcd-0', 'etcd-1', 'etcd-2'].filter((n) => n !== old.name);
  for (const other of others) await expect(linkChip(page, old.name, other)).toHaveAttribute('data-cut', 'false');

  await page.getByTestId('action-isolateLeader').click();

  // Every link of the old leader is shown as cut; the link between the other two is not.
  for (const other of others) {
    const chip = linkChip(page, old.name, other);
    await expect(chip).toHaveAttribute('data-cut', 'true');
    await expect(chip).toHaveAttribute('aria-pressed', 'true');
    await expect(chip).toHaveAccessibleName(/^Restore the link /);
  }
  await expect(linkChip(page, others[0], others[1])).toHaveAttribute('data-cut', 'false');

  // The majority side elects a new leader in a higher term.
  const next = await waitForLeader(page, { notName: old.name, minTerm: old.term + 1 });
  expect(others).toContain(next.name);
  expect(next.term).toBeGreaterThan(old.term);

  // The old leader loses its lease and steps down; pre-vote keeps its term from running ahead.
  const oldCard = memberCard(page, old.name);
  await expect(oldCard).not.toHaveAttribute('data-role', 'leader');
  await expect(oldCard.getByTestId('member-role')).not.toHaveText(/leader/i);
  expect(Number(await oldCard.getAttribute('data-term'))).toBeLessThan(next.term);
  await expect(page.getByTestId('cluster-leader')).toContainText(next.name);

  await page.getByTestId('action-heal').click();
  for (const [a, b] of [[old.name, others[0]], [old.name, others[1]], [others[0], others[1]]]) {
    await expect(linkChip(page, a, b)).toHaveAttribute('data-cut', 'false');
  }

  // It rejoins as a follower of the leader, in that leader's term; the leader elected during the
  // partition keeps leading (the rejoining member cannot disrupt it: pre-vote and check-quorum).
  await expect(async () => {
    const leader = await waitForLeader(page);
    expect(leader.name).toBe(next.name);
    await expect(oldCard).toHaveAttribute('data-role', 'follower', { timeout: 1000 });
    await expect(oldCard).toHaveAttribute('data-term', String(leader.term), { timeout: 1000 });
    await expect(oldCard).toContainText(`following ${leader.name}`, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  for (const other of others.filter((n) => n !== next.name)) {
    await expect(memberCard(page, other)).toHaveAttribute('data-role', 'follower');
  }

  expect(errors).toEqual([]);
});
