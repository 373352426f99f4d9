// Journey: paste 1,000 command lines; every one runs, in order.
import { expect, test } from '@playwright/test';
import { openApp, waitForLeader } from './helpers';
import { bufferLines, outputOf, paste, run } from './terminal-helpers';

test('1,000 pasted lines all run, in order', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page);
  await waitForLeader(page);

  const n = 1000;
  const keys = Array.from({ length: n }, (_, i) => `line-${String(i).padStart(4, '0')}`);
  // Values count down, so the keys' sorted order and their write order are different questions.
  const cmds = keys.map((k, i) => `etcdctl put ${k} v${n - i}`);
  const t0 = Date.now();
  await paste(page, cmds.join('\n') + '\n');
  expect(await outputOf(page, cmds[n - 1], 1, 240_000)).toEqual(['OK']);
  console.log(`${n} pasted lines ran in ${Date.now() - t0} ms`);

  const lines = await bufferLines(page);
  const echoed = lines.filter((l) => l.startsWith('$ etcdctl put line-'));
  expect(echoed).toEqual(cmds.map((c) => `$ ${c}`));

  // etcd's own record of the order: sorted by modification revision, the keys come out as pasted.
  const got = await run(page, 'etcdctl get line- --prefix --keys-only --sort-by=MODIFY --order=ASCEND');
  expect(got.filter((l) => l !== '')).toEqual(keys);
});
