// Journey: with `?clusterWorker=1` the cluster (its clock among it) runs in a Worker of its own and
// the page holds a façade; the same journeys work through it: a leader is elected and killed, kubectl
// answers from the terminal, and the page spawned the cluster Worker (which spawns the rest).
import { expect, test } from '@playwright/test';
import { memberCard, openApp, runCommand, waitForApiserver, waitForLeader } from './helpers';

test('behind the cluster Worker: kill the leader, a new one is elected; kubectl answers', async ({ page }) => {
  await openApp(page, '?clusterWorker=1');
  const old = await waitForLeader(page);
  await memberCard(page, old.name).click();
  await page.getByTestId(`member-menu-${old.name}`).getByRole('menuitem', { name: 'Kill' }).click();
  await expect(memberCard(page, old.name)).toHaveAttribute('data-role', 'down');
  const next = await waitForLeader(page, { notName: old.name, minTerm: old.term + 1 });
  expect(next.term).toBeGreaterThan(old.term);

  await waitForApiserver(page);
  expect(await runCommand(page, 'kubectl get namespace default -o name')).toEqual(['namespace/default']);
  // The page spawned one Worker (the cluster's); the process Workers are its own.
  const workers = page.workers().map((w) => w.url());
  expect(workers.filter((u) => u.includes('cluster.worker'))).toHaveLength(1);
});
