// Journey: paste a ~100 KB value into `etcdctl put`; it is stored intact, and the paste is quick.
import { expect, test } from '@playwright/test';
import { openApp, waitForLeader } from './helpers';
import { bufferLines, outputOf, paste, run } from './terminal-helpers';

/** A value whose every part is different, so a cut or a repeat shows: "00000.00001.00002…". */
function value(chars: number): string {
  let s = '';
  for (let i = 0; s.length < chars; i++) s += String(i).padStart(5, '0') + '.';
  return s.slice(0, chars);
}

test('a 100 KB pasted value is stored intact', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);

  for (const size of [10_000, 100_000]) {
    const v = value(size);
    const line = `etcdctl put big${size} ${v}`;
    const t0 = Date.now();
    await paste(page, line + '\r');
    expect(await outputOf(page, line)).toEqual(['OK']);
    const ms = Date.now() - t0;
    test.info().annotations.push({ type: 'paste', description: `${size} characters pasted and put in ${ms} ms` });
    console.log(`paste of ${size} characters: ${ms} ms until OK`);

    const got = await run(page, `etcdctl get big${size} --print-value-only`);
    expect(got).toHaveLength(1);
    expect(got[0].length).toBe(size);
    expect(got[0] === v, 'the stored value is the pasted one').toBe(true);
  }
  // The pasted line is echoed once, not once per character.
  expect((await bufferLines(page)).filter((l) => l.startsWith('$ etcdctl put big100000'))).toHaveLength(1);
});
