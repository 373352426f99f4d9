// Journey: edit a command line wider than the terminal; it redraws in place, with no copies left.
import { expect, test } from '@playwright/test';
import { openApp, waitForLeader } from './helpers';
import { bufferLines, bufferRows, outputOf, run, terminal } from './terminal-helpers';

test('a wrapped line is edited in place and runs as edited', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);

  const long = 'w'.repeat(60) + '-' + 'x'.repeat(60) + '-' + 'y'.repeat(60); // 181 + the command: over two rows
  await terminal(page).click();
  await page.keyboard.type(`etcdctl put wrapkey ${long}`);
  // Go to the start, into the key, and edit it there; then to the end and add to the value.
  await page.keyboard.press('Home');
  for (let i = 0; i < 'etcdctl put wrap'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('ped');
  await page.keyboard.press('End');
  await page.keyboard.type('-end');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');

  const line = `etcdctl put wrappedkey ${long}-en`;
  expect(await outputOf(page, line)).toEqual(['OK']);
  const rows = await bufferRows(page);
  const at = rows.findIndex((r) => r.text.startsWith('$ etcdctl put wrap'));
  expect(rows[at + 1].wrapped, 'the line wraps').toBe(true);
  // One copy of the line on screen, however many keys edited it.
  expect((await bufferLines(page)).filter((l) => l.includes('etcdctl put wrap'))).toEqual([`$ ${line}`]);
  expect(await run(page, 'etcdctl get wrappedkey --print-value-only')).toEqual([`${long}-en`]);
});
