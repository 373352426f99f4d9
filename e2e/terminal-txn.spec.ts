// Journey: a transaction in the terminal, plain and with -i, as etcdctl 3.4 takes it on a real terminal.
import { expect, test } from '@playwright/test';
import { openApp, waitForLeader } from './helpers';
import { bufferLines, outputOf, run, terminal } from './terminal-helpers';

test('etcdctl txn and txn -i read their three sections and commit', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  expect(await run(page, 'etcdctl put tk 1')).toEqual(['OK']);

  // Plain txn: no prompts; each section ends with an empty line.
  await terminal(page).click();
  for (const l of ['etcdctl txn', 'value("tk") = "1"', '', 'put tk 2', '', 'put tk fail', '']) {
    await page.keyboard.type(l);
    await page.keyboard.press('Enter');
  }
  const plain = await outputOf(page, 'etcdctl txn');
  expect(plain).toEqual(['value("tk") = "1"', '', 'put tk 2', '', 'put tk fail', '', 'SUCCESS', '', 'OK']);

  // -i: each prompt is printed once, before its section.
  for (const l of ['etcdctl txn -i', 'value("tk") = "1"', '', 'put tk never', '', 'put tk 3', 'get tk', '']) {
    await page.keyboard.type(l);
    await page.keyboard.press('Enter');
  }
  const interactive = await outputOf(page, 'etcdctl txn -i');
  expect(interactive).toEqual([
    'compares:',
    'value("tk") = "1"',
    '',
    'success requests (get, put, del):',
    'put tk never',
    '',
    'failure requests (get, put, del):',
    'put tk 3',
    'get tk',
    '',
    'FAILURE',
    '',
    'OK',
    '',
    'tk',
    '3',
  ]);
  expect((await bufferLines(page)).filter((l) => l === 'compares:')).toHaveLength(1);
  expect(await run(page, 'etcdctl get tk --print-value-only')).toEqual(['3']);
});
