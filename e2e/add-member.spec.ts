// Journey: drag an etcd member from the palette onto the canvas; `member add` runs for real, a 4th
// member starts, catches up as a follower and is listed by `etcdctl member list`.
import { expect, test } from '@playwright/test';
import { memberCard, memberCards, openApp, runCommand, waitForLeader } from './helpers';

test('dropping an etcd member on the canvas adds a 4th member that follows', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  await expect(memberCards(page)).toHaveCount(3);

  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  const drop = { x: Math.round(box.width * 0.86), y: Math.round(box.height * 0.22) };
  await page.getByTestId('palette-etcd-member').dragTo(canvas, { targetPosition: drop });

  const added = memberCard(page, 'etcd-3');
  await expect(memberCards(page)).toHaveCount(4, { timeout: 60_000 });
  await expect(added).toHaveAttribute('data-role', 'follower', { timeout: 60_000 });

  // It appears where it was dropped.
  const card = (await added.boundingBox())!;
  const dropX = box.x + drop.x;
  const dropY = box.y + drop.y;
  expect(Math.abs(card.x + card.width / 2 - dropX)).toBeLessThan(card.width);
  expect(Math.abs(card.y + card.height / 2 - dropY)).toBeLessThan(card.height);

  await expect(async () => {
    const out = await runCommand(page, 'etcdctl member list');
    expect(out.some((l) => /, started, etcd-3, /.test(l))).toBe(true);
    expect(out).toHaveLength(4);
  }).toPass({ timeout: 60_000 });
});
