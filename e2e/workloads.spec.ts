// Journey: a Deployment's pods are scheduled onto the worker nodes and show on their cards; a pod
// says why it landed where it did; a pod deleted from its panel is replaced; killing a node brings its pods back on the others (fast
// profile); a node dragged from the palette registers and takes pods.
import { expect, test, type Page } from '@playwright/test';
import { openApp, runCommand, setSpeed } from './helpers';

/** Pods of the web Deployment drawn on node cards, by node. */
async function webPodsByNode(page: Page): Promise<Record<string, { pod: string; tone: string }[]>> {
  return page.evaluate(() => {
    const out: Record<string, { pod: string; tone: string }[]> = {};
    for (const card of document.querySelectorAll<HTMLElement>('[data-testid^="node-"][data-status]')) {
      const node = card.dataset.testid!.replace(/^node-/, '');
      out[node] = [...card.querySelectorAll<HTMLElement>('[data-pod^="default/web-"]')].map((p) => ({ pod: p.dataset.pod ?? '', tone: p.dataset.tone ?? '' }));
    }
    return out;
  });
}


test('pods land on nodes, say why, and come back elsewhere when their node is killed', async ({ page }) => {
  // Some 60 simulated seconds of node lifecycle at whatever speed a shared 2-core machine gives.
  test.setTimeout(240_000);
  await openApp(page);
  for (const n of ['node-1', 'node-2', 'node-3']) await expect(page.getByTestId(`node-${n}`).getByTestId('node-status')).toHaveText('Ready', { timeout: 60_000 });
  await expect(page.locator('[data-testid^="component-kube-scheduler-"][data-state="leader"]')).toHaveCount(1, { timeout: 60_000 });

  expect((await runCommand(page, 'kubectl create deployment web --image=nginx --replicas=6')).join('\n')).toContain('deployment.apps/web created');
  // 10× simulated time: the node lifecycle's fast timings still take some 40 simulated seconds.
  await setSpeed(page, 10);
  await expect(async () => {
    const byNode = await webPodsByNode(page);
    const all = Object.values(byNode).flat();
    expect(all).toHaveLength(6);
    expect(all.every((p) => p.tone === 'running')).toBe(true);
    // The default spread constraints and LeastAllocated put two on each of three equal nodes.
    expect(Object.values(byNode).map((l) => l.length).sort()).toEqual([2, 2, 2]);
  }).toPass({ timeout: 90_000 });

  // The Events list says what the scheduler and the kubelets did, as kubectl get events does.
  await page.getByTestId('activity-tab-events').click();
  // (CoreDNS's pods in kube-system are scheduled too: look for web's.)
  await expect(page.getByTestId('kube-events').locator('[data-reason="Scheduled"]').filter({ hasText: 'default/web-' }).first()).toContainText(/Successfully assigned default\/web-[a-z0-9-]+ to node-\d/);
  await expect(page.getByTestId('kube-events').locator('[data-reason="Started"]').first()).toBeVisible();
  await page.getByTestId('activity-tab-cluster').click();

  // "Why this node?": every node passed the filters and was scored; the chosen one is first.
  const pod = page.getByTestId('node-node-1').locator('[data-pod^="default/web-"]').first();
  await pod.click();
  const panel = page.getByTestId('pod-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('pod-node')).toHaveText('node-1');
  await expect(panel.getByTestId('why-message')).toContainText('Bound to node-1: 3 of 3 nodes passed every filter');
  const rows = panel.getByTestId('why-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toHaveAttribute('data-node', 'node-1');
  await expect(rows.first()).toHaveClass(/is-chosen/);
  await expect(panel.getByTestId('why-table').locator('thead')).toContainText('Spread');
  // Deleted from its panel, the pod terminates and its ReplicaSet makes another.
  const deleted = (await pod.getAttribute('data-pod'))!;
  await panel.getByTestId('pod-delete').click();
  await expect(async () => {
    const all = Object.values(await webPodsByNode(page)).flat();
    expect(all.map((p) => p.pod)).not.toContain(deleted);
    expect(all.filter((p) => p.tone === 'running')).toHaveLength(6);
  }).toPass({ timeout: 60_000 });
  await expect(panel.getByText('This pod is gone')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Kill node-2 from its card's menu: its kubelet stops, the node controller marks it, the taint
  // manager evicts its pods after the 30 s (fast) toleration, and the ReplicaSet replaces them.
  await page.getByTestId('node-node-2').click();
  await page.getByTestId('node-kill').click();
  await expect(page.getByTestId('node-node-2')).toHaveAttribute('data-status', 'down');
  await expect(async () => {
    const byNode = await webPodsByNode(page);
    const elsewhere = [...byNode['node-1'], ...byNode['node-3']];
    expect(elsewhere.filter((p) => p.tone === 'running')).toHaveLength(6);
  }).toPass({ timeout: 110_000 });
  // What was on node-2 is Terminating there until its kubelet comes back to confirm.
  expect((await webPodsByNode(page))['node-2'].every((p) => p.tone === 'terminating')).toBe(true);
});

test('a worker node dragged from the palette registers with the size and taints given; bad values keep what was typed', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('node-node-3').getByTestId('node-status')).toHaveText('Ready', { timeout: 60_000 });
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  await page.getByTestId('palette-worker-node').dragTo(canvas, { targetPosition: { x: box.width * 0.85, y: box.height * 0.8 } });
  const form = page.getByTestId('node-form');
  await expect(form).toBeVisible();
  await page.getByTestId('node-form-name').fill('big');
  await page.getByTestId('node-form-cpu').fill('8');
  await page.getByTestId('node-form-memory').fill('lots');
  await page.getByTestId('node-form-taints').fill('dedicated=gpu:NoSchedule');
  await page.getByTestId('node-form-add').click();
  await expect(page.getByTestId('node-form-error')).toContainText('invalid memory "lots"');
  await expect(page.getByTestId('node-form-name')).toHaveValue('big');
  await page.getByTestId('node-form-memory').fill('16Gi');
  await page.getByTestId('node-form-add').click();
  await expect(form).toBeHidden();

  const card = page.getByTestId('node-big');
  await expect(card.getByTestId('node-status')).toHaveText('Ready', { timeout: 60_000 });
  await expect(card).toContainText('8 CPU · 16Gi');
  await expect(card).toContainText('dedicated=gpu:NoSchedule');
  const out = (await runCommand(page, 'kubectl get node big -o jsonpath={.spec.taints[0].key}')).join('\n');
  expect(out).toContain('dedicated');
});
