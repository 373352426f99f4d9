// Journey: watch a key in a second terminal tab while putting it from the first; the events show in
// the watch tab, Ctrl-C stops the watch, and what was typed meanwhile is kept.
import { expect, test } from '@playwright/test';
import { openApp, waitForLeader } from './helpers';
import { bufferLines, outputOf, run, terminal } from './terminal-helpers';

test('watch in one tab, put in another', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);

  await page.getByTestId('terminal-new-tab').click();
  await expect(terminal(page, 2)).toBeVisible();
  await terminal(page, 2).click();
  await page.keyboard.type('etcdctl watch foo');
  await page.keyboard.press('Enter');

  await page.getByTestId('terminal-tab-1').click();
  await expect(terminal(page, 1)).toBeVisible();
  expect(await run(page, 'etcdctl put foo bar')).toEqual(['OK']);
  expect(await run(page, 'etcdctl put foo baz')).toEqual(['OK']);

  await page.getByTestId('terminal-tab-2').click();
  await expect(async () => {
    const lines = await bufferLines(page, 2);
    const at = lines.indexOf('$ etcdctl watch foo');
    expect(lines.slice(at + 1, at + 7)).toEqual(['PUT', 'foo', 'bar', 'PUT', 'foo', 'baz']);
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('terminal-two-tabs.png') });

  // Typed while watch runs: kept, and on the prompt once Ctrl-C stops the watch.
  await terminal(page, 2).click();
  await page.keyboard.type('etcdctl get foo');
  await page.keyboard.press('Control+C');
  await expect(async () => {
    const lines = await bufferLines(page, 2);
    expect(lines.slice(-2)).toEqual(['^C', '$ etcdctl get foo']);
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  expect(await outputOf(page, 'etcdctl get foo', 2)).toEqual(['foo', 'baz']);
});

test('Escape then Tab, or Ctrl+M then Tab, moves focus out of the terminal', async ({ page }) => {
  await openApp(page);
  await terminal(page).click();
  const inTerminal = () => page.evaluate(() => !!document.activeElement?.closest('.xterm'));
  expect(await inTerminal()).toBe(true);
  // Tab alone completes.
  await page.keyboard.type('etcdctl wat');
  await page.keyboard.press('Tab');
  expect(await inTerminal()).toBe(true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await inTerminal()).toBe(false);

  await terminal(page).click();
  await page.keyboard.press('Control+m');
  await expect(page.getByTestId('terminal-tab-mode')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Tab');
  expect(await inTerminal()).toBe(false);
  // The completion went in, and Ctrl+M did not press Enter.
  const lines = await bufferLines(page);
  expect(lines[lines.length - 1]).toBe('$ etcdctl watch');
});
