// Journey: bad input in the terminal. Missing arguments, an unknown flag and an unknown command
// print what etcdctl 3.4 (ETCDCTL_API=3) and sh print, the page raises no error, and the next
// normal command still works.
import { expect, test, type Page } from '@playwright/test';
import { openApp, runCommand, waitForLeader } from './helpers';

/**
 * The dock is at most 260px tall (about 14 rows) and the helpers read only the rows on screen; an
 * unknown flag prints the command's whole usage (some 40 lines). Give the terminal room for it so
 * the command line and all its output are on screen at once.
 */
async function roomyTerminal(page: Page): Promise<void> {
  await page.addStyleTag({ content: ':root { --dock-h: 1100px !important; }' });
  await expect
    .poll(() => page.locator('[data-testid="terminal"] .xterm-rows > div').count(), { message: 'the terminal grows to 60+ rows' })
    .toBeGreaterThanOrEqual(60);
}

test.use({ viewport: { width: 1440, height: 1400 } });

test('bad etcdctl input and unknown commands print errors; the page keeps working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await openApp(page);
  await waitForLeader(page);
  await roomyTerminal(page);

  // `etcdctl get` without a key (ExitBadArgs; real etcdctl prints the same).
  expect(await runCommand(page, 'etcdctl get')).toEqual(['Error: get command needs one argument as key and an optional argument as range_end']);

  // `etcdctl put foo` with no value and nothing on stdin (as `etcdctl put foo </dev/null` prints).
  expect(await runCommand(page, 'etcdctl put foo')).toEqual(['Error: put command needs 1 argument and input from stdin or 2 arguments']);

  // An unknown flag: cobra's error, the command's usage, then ExitWithError's error again. In a real
  // terminal the first error comes before the usage (stderr is unbuffered); Kubeplay's shell prints
  // stderr once the command is done, after its stdout, so here both errors follow the usage.
  const out = await runCommand(page, 'etcdctl get foo --no-such-flag');
  // As etcdctl writes it: the error (stderr), the usage (stdout), a blank line and the error again.
  expect(out[0]).toBe('Error: unknown flag: --no-such-flag');
  expect(out.slice(-2)).toEqual(['', 'Error: unknown flag: --no-such-flag']);
  expect(out.filter((l) => l.startsWith('Error'))).toHaveLength(2);
  expect(out.map((l) => l.trim())).toEqual(
    expect.arrayContaining(['NAME:', 'get - Gets the key or a range of keys', 'USAGE:', 'etcdctl get [options] <key> [range_end] [flags]', 'OPTIONS:', 'GLOBAL OPTIONS:']),
  );
  // The key was not read: nothing was printed as a key/value pair for "foo".
  expect(out).not.toContain('foo');

  // Not a shell command at all.
  expect(await runCommand(page, 'foo')).toEqual(['foo: command not found']);

  // The terminal and the cluster still work.
  expect(await runCommand(page, 'etcdctl put a b')).toEqual(['OK']);
  expect(await runCommand(page, 'etcdctl get a')).toEqual(['a', 'b']);
  await expect(page.locator('[data-testid^="crash-"]')).toHaveCount(0);

  expect(errors).toEqual([]);
});
