// Journey: a Deployment is scaled, rolled out to a new image and rolled back, from the terminal, and
// the canvas follows: the new ReplicaSet's pods replace the old ones on the node cards (maxSurge 25%,
// maxUnavailable 25% of 4: one more and none fewer), the Deployment's card shows its revision and its
// ReplicaSets, `rollout status` waits until it is done, and `rollout undo` brings the first template
// (and its pod-template-hash) back as revision 3.
import { expect, test, type Page } from '@playwright/test';
import { openApp, runCommand, setSpeed } from './helpers';

/** The web Deployment's pods drawn on the node cards: name, tone, and the pod-template-hash in its name. */
async function webPods(page: Page): Promise<{ pod: string; tone: string; hash: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid^="node-"][data-status] [data-pod^="default/web-"]')].map((p) => {
      const pod = p.dataset.pod ?? '';
      // default/web-<pod-template-hash>-<suffix>
      return { pod, tone: p.dataset.tone ?? '', hash: pod.split('-').slice(-2, -1)[0] ?? '' };
    }),
  );
}

const running = (pods: { tone: string; hash: string }[], hash?: string) => pods.filter((p) => p.tone === 'running' && (hash === undefined || p.hash === hash));

test('a Deployment scales, rolls out a new image and is rolled back, and its pods follow on the node cards', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  for (const n of ['node-1', 'node-2', 'node-3']) await expect(page.getByTestId(`node-${n}`).getByTestId('node-status')).toHaveText('Ready', { timeout: 60_000 });
  // 10× simulated time: image pulls and the rolling update's steps take simulated seconds.
  await setSpeed(page, 10);

  expect((await runCommand(page, 'kubectl create deployment web --image=nginx:1.26 --replicas=2')).join('\n')).toContain('deployment.apps/web created');
  expect((await runCommand(page, 'kubectl scale deployment web --replicas=4')).join('\n')).toContain('deployment.apps/web scaled');
  let first = '';
  await expect(async () => {
    const pods = await webPods(page);
    expect(running(pods)).toHaveLength(4);
    expect(new Set(pods.map((p) => p.hash)).size).toBe(1);
    first = pods[0]!.hash;
  }).toPass({ timeout: 90_000 });
  const card = page.getByTestId('deployment-default-web');
  await expect(card).toHaveAttribute('data-revision', '1');
  await expect(card.getByTestId('deployment-summary')).toContainText('4/4 ready · 4 updated · rev 1');
  await expect(card.getByTestId('deployment-rs')).toHaveCount(1);
  await expect(card.getByTestId('deployment-rs').first()).toHaveAttribute('data-hash', first);

  // A new image: a second ReplicaSet, and the old one's pods go as the new ones become available.
  expect((await runCommand(page, 'kubectl set image deployment/web nginx=nginx:1.27')).join('\n')).toContain('deployment.apps/web image updated');
  const status = (await runCommand(page, 'kubectl rollout status deployment/web')).join('\n');
  expect(status).toContain('Waiting for deployment "web" rollout to finish');
  expect(status).toContain('deployment "web" successfully rolled out');
  let second = '';
  await expect(async () => {
    const pods = await webPods(page);
    const hashes = new Set(running(pods).map((p) => p.hash));
    expect(hashes.size).toBe(1);
    expect(hashes.has(first)).toBe(false);
    expect(running(pods)).toHaveLength(4);
    second = [...hashes][0]!;
  }).toPass({ timeout: 60_000 });
  // The card: revision 2's ReplicaSet holds the pods, revision 1's is kept at 0 for a rollback.
  await expect(card).toHaveAttribute('data-revision', '2');
  await expect(card.getByTestId('deployment-rs').first()).toHaveAttribute('data-hash', second);
  await expect(card.getByTestId('deployment-rs').first()).toHaveAttribute('data-ready', '4');
  await expect(card).toContainText('+1 older (scaled to 0)');

  const history = (await runCommand(page, 'kubectl rollout history deployment/web')).join('\n');
  expect(history).toMatch(/REVISION\s+CHANGE-CAUSE/);
  expect(history).toMatch(/^1\s+<none>$/m);
  expect(history).toMatch(/^2\s+<none>$/m);

  // Undo: the first template comes back under its old hash, as revision 3.
  expect((await runCommand(page, 'kubectl rollout undo deployment/web')).join('\n')).toContain('deployment.apps/web rolled back');
  expect((await runCommand(page, 'kubectl rollout status deployment/web')).join('\n')).toContain('deployment "web" successfully rolled out');
  await expect(async () => {
    const pods = await webPods(page);
    expect(running(pods, first)).toHaveLength(4);
    expect(running(pods, second)).toHaveLength(0);
  }).toPass({ timeout: 60_000 });
  await expect(card).toHaveAttribute('data-revision', '3');
  await expect(card.getByTestId('deployment-rs').first()).toHaveAttribute('data-hash', first);
  await expect(card.getByTestId('deployment-rs').first()).toHaveAttribute('data-revision', '3');
  const after = (await runCommand(page, 'kubectl rollout history deployment/web')).join('\n');
  expect(after).toMatch(/^2\s+<none>$/m);
  expect(after).toMatch(/^3\s+<none>$/m);
  expect(after).not.toMatch(/^1\s+<none>$/m);
  expect((await runCommand(page, 'kubectl get deployment web -o jsonpath={.spec.template.spec.containers[0].image}')).join('\n')).toContain('nginx:1.26');
});
