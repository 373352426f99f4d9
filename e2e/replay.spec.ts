// Journey: a session in Chromium (kubectl, etcdctl, killing the leader) is saved as a recording;
// the same file replays headless (SimHost, in this Node process) to the same digest, and loading it
// back into the page replays it there to the same digest again. Same seed + same actions = same
// history, byte for byte, on either host (DESIGN.md, "The engine is deterministic").
import { expect, test, type Page } from '@playwright/test';
import { replay } from '../engine/cluster';
import { memberCard, openApp, runCommand, saveRecording as saveRecordingAs, waitForApiserver, waitForLeader } from './helpers';

const saveRecording = (page: Page) => saveRecordingAs(page, /^kubeplay-seed-5-at-\d+\.\ds\.json$/);

test('a session recorded in the browser replays headless, and in the browser, to the same digest', async ({ page }) => {
  await openApp(page, '?seed=5');
  const leader = await waitForLeader(page);
  await waitForApiserver(page);
  expect(await runCommand(page, 'etcdctl put /greeting hello')).toEqual(['OK']);
  expect(await runCommand(page, 'kubectl create deployment web --image=nginx')).toEqual(['deployment.apps/web created']);

  await memberCard(page, leader.name).click();
  await page.getByTestId(`member-menu-${leader.name}`).getByRole('menuitem', { name: 'Kill' }).click();
  await waitForLeader(page, { notName: leader.name });
  expect(await runCommand(page, 'etcdctl put /after-failover yes')).toEqual(['OK']);
  expect(await runCommand(page, 'etcdctl get /after-failover --keys-only')).toEqual(['/after-failover', '']);
  expect(await runCommand(page, 'kubectl get deploy -o name')).toEqual(['deployment.apps/web']);

  await page.getByTestId('toggle-pause').click();
  const rec = await saveRecording(page);
  expect(rec.steps.map((s) => s.verb)).toEqual(['etcdctl', 'kubectl', 'killEtcd', 'etcdctl', 'etcdctl', 'kubectl']);
  expect(rec.options.controlPlane).toBe(true);
  expect(rec.digest).toMatch(/^[0-9a-f]{16}$/);

  const headless = await replay(rec);
  expect(headless.digest()).toBe(rec.digest);
  expect((await headless.etcdctl('get /greeting --print-value-only')).stdout).toBe('hello\n');
  expect((await headless.kubectl('get deploy -o name')).stdout).toBe('deployment.apps/web\n');

  // Load it back: the page reloads onto the recording, re-runs it, and stops paused at its end.
  await page.getByTestId('recording-file').setInputFiles({ name: 'session.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(rec)) });
  await expect(memberCard(page, leader.name)).toHaveAttribute('data-role', 'down', { timeout: 60_000 });
  await expect(page.getByTestId('toggle-pause')).toHaveAttribute('aria-label', 'Resume');
  const again = await saveRecording(page);
  expect(again.nowUs).toBe(rec.nowUs);
  expect(again.digest).toBe(rec.digest);
});

test('loading a file that is not a recording says why and keeps the session', async ({ page }) => {
  await openApp(page, '?seed=5');
  await waitForLeader(page);
  await page.getByTestId('recording-file').setInputFiles({ name: 'nope.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(page.getByText('not a Kubeplay recording: "kubeplayRecording": 1 is missing')).toBeVisible();
  expect(await runCommand(page, 'etcdctl put /still here')).toEqual(['OK']);
});
