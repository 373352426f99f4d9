// Journey: type fast (15 ms a key), including while a command still runs; nothing is lost.
import { expect, test } from '@playwright/test';
import { openApp, waitForLeader } from './helpers';
import { bufferLines, outputOf, terminal } from './terminal-helpers';

test('fast typing loses no key, even during a command', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);

  const lines = ['etcdctl put fast1 alpha', 'etcdctl put fast2 beta', 'etcdctl put fast3 gamma', 'etcdctl get fast --prefix'];
  await terminal(page).click();
  // One go: the next line is typed while the previous command runs.
  await page.keyboard.type(lines.join('\n') + '\n', { delay: 15 });

  expect(await outputOf(page, lines[3])).toEqual(['fast1', 'alpha', 'fast2', 'beta', 'fast3', 'gamma']);
  const all = await bufferLines(page);
  for (const l of lines) expect(all).toContain(`$ ${l}`);
  expect(all.filter((l) => l.includes('command not found'))).toEqual([]);
});
