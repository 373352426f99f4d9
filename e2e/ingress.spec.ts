// Journey: HTTP through an Ingress. A person installs ingress-nginx from the palette (its manifest
// goes in by kubectl apply), its controller pod comes up on a node, an Ingress made with kubectl
// create ingress routes foo.example.com to a Service, and the load generator's requests to
// http://foo.example.com/ go through a node's NodePort to the controller and on to both pods, each
// answering 200; a path the Ingress does not route gets the controller's 404.
import { expect, test } from '@playwright/test';
import { kubectlUntil, openApp, runCommand, trafficFigures } from './helpers';

test('ingress-nginx installed from the palette routes a URL to a Service by host and path', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  for (const n of ['node-1', 'node-2', 'node-3']) await expect(page.getByTestId(`node-${n}`).getByTestId('node-status')).toHaveText('Ready', { timeout: 90_000 });
  await kubectlUntil(page, 'kubectl create deployment web --image=nginx --replicas=2 --port=80', 'deployment.apps/web created');
  expect((await runCommand(page, 'kubectl expose deployment web')).join('\n')).toContain('service/web exposed');

  await page.getByTestId('install-ingress').click();
  await expect(page.getByTestId('ingress-status')).toContainText('controller 1/1 ready', { timeout: 120_000 });
  await expect(page.getByTestId('activity')).toContainText('ingress-nginx installed: 8 objects applied');
  // Installed once: the button is gone, and the controller's pod is on a node of the canvas.
  await expect(page.getByTestId('install-ingress')).toHaveCount(0);
  expect((await runCommand(page, 'kubectl get deployment -n ingress-nginx')).join('\n')).toMatch(/ingress-nginx-controller\s+1\/1\s+1\s+1/);

  expect((await runCommand(page, 'kubectl create ingress site --class=nginx --rule=foo.example.com/*=web:80')).join('\n')).toContain('ingress.networking.k8s.io/site created');
  expect((await runCommand(page, 'kubectl get ingress')).join('\n')).toMatch(/site\s+nginx\s+foo\.example\.com\s+\S*\s+80\s+/);

  // A URL gets a Via field: empty, the From node's own NodePort.
  await page.getByTestId('traffic-to').fill('http://foo.example.com/');
  await expect(page.getByTestId('traffic-via')).toHaveAttribute('placeholder', /node-1/);
  await page.getByTestId('traffic-toggle').click();
  // The controller's informers need the Ingress and the endpoints: early requests may 404 or 503.
  await expect.poll(async () => Object.values((await trafficFigures(page)).endpoints).filter((e) => e.last > 0).length, { timeout: 90_000 }).toBe(2);
  expect((await trafficFigures(page)).statuses['200']).toBeGreaterThan(0);
  await page.getByTestId('traffic-toggle').click();
  await expect(page.getByTestId('traffic-toggle')).toHaveText('Start traffic');

  // Prefix / covers every path of the host; another host has no rules: the controller's own 404.
  await page.getByTestId('traffic-to').fill('http://bar.example.com/');
  await page.getByTestId('traffic-via').fill('node-2');
  await page.getByTestId('traffic-toggle').click();
  await expect.poll(async () => (await trafficFigures(page)).statuses['404'] ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
  expect((await trafficFigures(page)).statuses['200']).toBeUndefined();
  await page.getByTestId('traffic-toggle').click();
});
