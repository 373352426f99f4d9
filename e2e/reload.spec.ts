// Journey: a session survives a reload. The page keeps the session's recording in IndexedDB and, on
// reload, replays it fast-forward: the same keys, the same dead member, the same leader and term,
// the same simulated time, the same digest. A link carries a session to another browser; New
// session starts afresh.
import { expect, test } from '@playwright/test';
import { memberCard, openApp, runCommand, saveRecording as recording, terminalLines, waitForLeader } from './helpers';

test('reload restores the cluster, its keys and its leader history exactly', async ({ page }) => {
  await openApp(page, '?seed=11');
  const first = await waitForLeader(page);
  expect(await runCommand(page, 'etcdctl put /kept yes')).toEqual(['OK']);
  await memberCard(page, first.name).click();
  await page.getByTestId(`member-menu-${first.name}`).getByRole('menuitem', { name: 'Kill' }).click();
  const second = await waitForLeader(page, { notName: first.name });
  expect(await runCommand(page, 'etcdctl put /after yes')).toEqual(['OK']);
  // The panels are part of the session: a taller terminal.
  const resizer = page.getByTestId('dock-resizer');
  await resizer.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  const dockPx = Number(await resizer.getAttribute('aria-valuenow'));
  await page.getByTestId('toggle-pause').click();
  const before = await recording(page);
  // Let the keeper write it (every 2 s, and when the page is hidden).
  await page.waitForTimeout(2500);

  const t0 = Date.now();
  await page.reload();
  await expect(memberCard(page, first.name)).toHaveAttribute('data-role', 'down', { timeout: 60_000 });
  await expect(memberCard(page, second.name)).toHaveAttribute('data-role', 'leader');
  await expect(memberCard(page, second.name)).toHaveAttribute('data-term', String(second.term));
  await expect(page.getByTestId('toggle-pause')).toHaveAttribute('aria-label', 'Resume');
  const after = await recording(page);
  console.log(`reload restored ${(before.nowUs / 1e6).toFixed(1)} simulated s in ${Date.now() - t0} ms`);
  expect(after.nowUs).toBe(before.nowUs);
  expect(after.digest).toBe(before.digest);
  expect(after.steps).toEqual(before.steps);
  await expect(page.getByTestId('dock-resizer')).toHaveAttribute('aria-valuenow', String(dockPx));
  // The terminal's history came back: Up recalls the last line, twice Up the one before.
  await page.getByTestId('terminal').click();
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await terminalLines(page)).filter((l) => l.startsWith('$')).pop()).toBe('$ etcdctl put /after yes');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await terminalLines(page)).filter((l) => l.startsWith('$')).pop()).toBe('$ etcdctl put /kept yes');
  await page.keyboard.press('Control+C');
  await page.getByTestId('toggle-pause').click();
  expect(await runCommand(page, 'etcdctl get /after --print-value-only')).toEqual(['yes']);
  expect(await runCommand(page, 'etcdctl get /kept --print-value-only')).toEqual(['yes']);
});

test('a session link replays the session in a fresh page; New session starts afresh', async ({ page, context }) => {
  await openApp(page, '?seed=12');
  await waitForLeader(page);
  expect(await runCommand(page, 'etcdctl put /shared 1')).toEqual(['OK']);
  await page.getByTestId('toggle-pause').click();
  const rec = await recording(page);
  const { sessionLinkFor } = await page.evaluate(async () => ({ sessionLinkFor: location.href }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-session-link').click();
  await expect(page.getByText(/copied a link that replays this session/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link.startsWith(sessionLinkFor.replace(/#.*$/, '') + '#recording=')).toBe(true);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('toggle-pause')).toHaveAttribute('aria-label', 'Resume', { timeout: 60_000 });
  const replayed = await recording(other);
  expect(replayed.digest).toBe(rec.digest);
  await other.getByTestId('toggle-pause').click();
  expect(await runCommand(other, 'etcdctl get /shared --print-value-only')).toEqual(['1']);

  await other.getByTestId('new-session').click();
  await waitForLeader(other);
  expect(await runCommand(other, 'etcdctl get /shared --print-value-only')).toEqual([]);
});
