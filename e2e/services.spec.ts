// Journey: services that route. A Deployment exposed as a Service shows on the canvas with its
// endpoints; traffic from the palette's load generator resolves the Service's name through CoreDNS,
// goes through node-1's kube-proxy (IPVS, round robin) and spreads over the pods; killing the node
// of one endpoint takes it out of the tables and the traffic moves to the survivors. A node's
// kube-proxy tables show as ipvsadm -Ln prints them, and switching to iptables mode rewrites them as
// iptables-save prints the nat table; nslookup in a pod finds the Service.
import { expect, test } from '@playwright/test';
import { kubectlUntil, openApp, runCommand, setSpeed, trafficFigures } from './helpers';

test('traffic to a Service spreads over its pods and moves off a killed node', async ({ page }) => {
  // Node failure detection and eviction take some 60 simulated seconds; a shared 2-core machine runs slower than asked.
  test.setTimeout(300_000);
  await openApp(page);
  for (const n of ['node-1', 'node-2', 'node-3']) await expect(page.getByTestId(`node-${n}`).getByTestId('node-status')).toHaveText('Ready', { timeout: 90_000 });
  await kubectlUntil(page, 'kubectl create deployment web --image=nginx --replicas=3 --port=80', 'deployment.apps/web created');
  expect((await runCommand(page, 'kubectl expose deployment web')).join('\n')).toContain('service/web exposed');

  const svc = page.getByTestId('service-default-web');
  await expect(svc).toBeVisible({ timeout: 60_000 });
  await expect(svc.getByTestId('service-endpoints')).toHaveText('3/3 ready', { timeout: 120_000 });
  await expect(svc).toContainText('80/TCP');

  // The load generator's default target is the Service's DNS name.
  await expect(page.getByTestId('traffic-to')).toHaveValue('web.default.svc.cluster.local:80');
  await page.getByTestId('traffic-toggle').click();
  await expect(page.getByTestId('traffic-stats')).toContainText(/→ 10\.\d+\.\d+\.\d+:80/, { timeout: 60_000 });
  // Round robin: each of the three pods answers its share.
  await expect.poll(async () => Object.values((await trafficFigures(page)).endpoints).filter((e) => e.total > 0).length, { timeout: 60_000 }).toBe(3);
  expect((await trafficFigures(page)).failed).toBe(0);
  await expect(page.getByTestId('legend-rate-traffic')).not.toHaveText('0');
  // Each batch's dots fly from the Service's card on to the chips of the pods that answered: where
  // a dot was last seen before it went (it has landed) is at a web pod's chip.
  const landed = await page.evaluate(async () => {
    const layer = document.querySelector('[data-testid="message-layer"]') as HTMLCanvasElement & { kubeplayDots?: { id: number; kind: string; x: number; y: number }[] };
    const chips = () => [...document.querySelectorAll<HTMLElement>('[data-pod^="default/web-"]')].map((el) => el.getBoundingClientRect());
    const last = new Map<number, { x: number; y: number }>();
    for (const end = performance.now() + 15_000; performance.now() < end; ) {
      const origin = layer.getBoundingClientRect();
      const now = new Map((layer.kubeplayDots ?? []).filter((d) => d.kind === 'traffic').map((d) => [d.id, { x: origin.left + d.x, y: origin.top + d.y }]));
      for (const [id, at] of last) {
        if (now.has(id)) continue;
        last.delete(id);
        if (chips().some((c) => at.x >= c.left - 4 && at.x <= c.right + 4 && at.y >= c.top - 4 && at.y <= c.bottom + 4)) return true;
      }
      for (const [id, at] of now) last.set(id, at);
      await new Promise((r) => requestAnimationFrame(r));
    }
    return false;
  });
  expect(landed, 'a traffic dot lands on a web pod\'s chip').toBe(true);

  // Kill the node of an endpoint other than the client's (node-1). Which nodes the scheduler chose
  // depends on when the create landed, so ask the Service's card.
  const victim = svc.locator('[data-node]:not([data-node="node-1"])').first();
  const deadNode = (await victim.getAttribute('data-node'))!;
  const deadIP = await victim.getAttribute('data-ip');
  expect(deadIP).toMatch(/^10\.244\./);
  await setSpeed(page, 5);
  await page.getByTestId(`node-${deadNode}`).click();
  await page.getByTestId('node-kill').click();
  await expect(page.getByTestId(`node-${deadNode}`)).toHaveAttribute('data-status', 'down');
  // Once the node controller marks it and its pod is no longer ready, the tables drop it: a batch
  // goes wholly to the survivors, none of it failing.
  await expect
    .poll(
      async () => {
        const f = await trafficFigures(page);
        const toDead = Object.entries(f.endpoints).filter(([ep]) => ep.startsWith(`${deadIP}:`)).reduce((n, [, e]) => n + e.last, 0);
        return f.lastOk > 0 && f.lastFailed === 0 && toDead === 0;
      },
      { timeout: 200_000, intervals: [1000] },
    )
    .toBe(true);
  await page.getByTestId('traffic-toggle').click();
  await expect(page.getByTestId('traffic-toggle')).toHaveText('Start traffic');
});

test("a node's kube-proxy tables: ipvsadm in IPVS mode, the nat table in iptables mode; nslookup finds the Service", async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await expect(page.getByTestId('node-node-1').getByTestId('node-status')).toHaveText('Ready', { timeout: 90_000 });
  await kubectlUntil(page, 'kubectl create deployment web --image=nginx --replicas=2 --port=80', 'deployment.apps/web created');
  expect((await runCommand(page, 'kubectl expose deployment web')).join('\n')).toContain('exposed');
  const ip = (await runCommand(page, 'kubectl get svc web -o jsonpath={.spec.clusterIP}')).join('').trim();
  expect(ip).toMatch(/^10\.\d+\.\d+\.\d+$/);
  await expect(page.getByTestId('service-default-web').getByTestId('service-endpoints')).toHaveText('2/2 ready', { timeout: 120_000 });

  await page.getByTestId('node-node-1').click();
  await page.getByTestId('node-tables').click();
  const panel = page.getByTestId('proxy-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('proxy-mode')).toHaveValue('ipvs');
  const ipvs = panel.getByTestId('proxy-ipvs');
  await expect(ipvs).toContainText('IP Virtual Server version');
  await expect(ipvs).toContainText(new RegExp(`TCP  ${ip.replace(/\./g, '\\.')}:80 rr`));
  await expect.poll(async () => ((await ipvs.textContent()) ?? '').split('\n').filter((l) => /^  -> 10\.244\.\d+\.\d+:80\s+Masq\s+1\b/.test(l)).length).toBe(2);

  // iptables mode: kube-proxy rewrites the node's nat table; the Service's chain picks one of two endpoints with probability 0.5.
  await panel.getByTestId('proxy-mode').selectOption('iptables');
  const nat = panel.getByTestId('proxy-iptables');
  await expect(nat).toContainText('*nat', { timeout: 60_000 });
  await expect(nat).toContainText(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-`);
  await expect(nat).toContainText('-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // nslookup from a pod finds the Service through CoreDNS (busybox 1.28's nslookup, as the Kubernetes DNS debugging guide uses).
  await kubectlUntil(page, 'kubectl run client --image=busybox:1.28 -- sleep 3600', 'pod/client created');
  await expect(async () => expect((await runCommand(page, 'kubectl get pod client -o jsonpath={.status.phase}')).join('')).toContain('Running')).toPass({ timeout: 90_000 });
  const lookup = (await runCommand(page, 'kubectl exec client -- nslookup web')).join('\n');
  expect(lookup).toContain('Server:    10.96.0.10');
  expect(lookup).toContain(`Address 1: ${ip} web.default.svc.cluster.local`);
});
