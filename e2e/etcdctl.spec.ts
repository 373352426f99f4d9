// Journey: write and read a key with etcdctl in the terminal; it prints what etcdctl 3.4 prints.
import { expect, test } from '@playwright/test';
import { openApp, runCommand, waitForLeader } from './helpers';

test('etcdctl put then get prints OK, then the key and value lines', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);

  expect(await runCommand(page, 'etcdctl put greeting hello-kubeplay')).toEqual(['OK']);
  expect(await runCommand(page, 'etcdctl get greeting')).toEqual(['greeting', 'hello-kubeplay']);
  // Not a shell: unknown commands say so, like sh does.
  expect(await runCommand(page, 'kubeplay-nope')).toEqual(['kubeplay-nope: command not found']);
});
