// Journey: the time toolbar. Pause stops the simulated clock, step moves it on while paused,
// resume lets it run again, and the speed slider changes the speed shown.
import { expect, test, type Page } from '@playwright/test';
import { openApp, waitForLeader } from './helpers';

/** The simulated clock as shown (`mm:ss.t` or `h:mm:ss.t`), in ms. */
async function clockMs(page: Page): Promise<number> {
  const text = (await page.getByTestId('clock').locator('.clock__value').textContent()) ?? '';
  const m = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d)$/.exec(text.trim());
  expect(m, `clock shows a time, got "${text}"`).not.toBeNull();
  const [, h = '0', mm, ss, t] = m!;
  return ((Number(h) * 60 + Number(mm)) * 60 + Number(ss)) * 1000 + Number(t) * 100;
}

/**
 * Waits until the clock has shown one value for `wallMs` of wall time in a row, sampling it; returns
 * that value. A clock that keeps moving never settles and fails at the timeout.
 */
async function clockSettles(page: Page, wallMs: number): Promise<number> {
  let value = await clockMs(page);
  let since = Date.now();
  let samples = 0;
  await expect
    .poll(
      async () => {
        const now = await clockMs(page);
        if (now !== value) {
          value = now;
          since = Date.now();
          samples = 0;
        } else samples++;
        return samples >= 3 && Date.now() - since >= wallMs;
      },
      { message: `the clock stands still for ${wallMs} ms of wall time`, intervals: [200], timeout: 30_000 },
    )
    .toBe(true);
  return value;
}

test('pause stops the clock, step moves it, resume restarts it, the slider sets the speed', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await openApp(page);
  await waitForLeader(page);
  const clock = page.getByTestId('clock');
  const toggle = page.getByTestId('toggle-pause');

  // Running: the clock advances.
  await expect(clock).toContainText('sim');
  await expect(toggle).toHaveAccessibleName('Pause');
  const running = await clockMs(page);
  await expect.poll(() => clockMs(page), { message: 'the running clock advances' }).toBeGreaterThan(running);

  // Paused: it stands still for over a second of wall time (after the tick in flight lands).
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Resume');
  await expect(clock).toContainText('paused');
  await expect(clock).toHaveClass(/clock--paused/);
  const paused = await clockSettles(page, 1000);
  expect(await clockMs(page)).toBe(paused);

  // Step runs the next pending event while staying paused and says what ran: every press shows at
  // least one event (a timer or a delivery) at a later instant than the press before.
  const step = page.getByTestId('step');
  const trace = page.getByTestId('step-trace');
  const instants: number[] = [];
  for (let i = 0; i < 5; i++) {
    await step.click();
    await expect(trace).toBeVisible();
    await expect(trace.getByTestId('step-event').first()).toBeVisible();
    await expect(trace).toContainText(/etcd-\d|kube-apiserver|kubectl/);
    const at = Number(((await trace.locator('.step-trace__at').textContent()) ?? '').replace(/^at | s$/g, ''));
    expect(at, `press ${i + 1} does not go back in time`).toBeGreaterThanOrEqual(instants[instants.length - 1] ?? 0);
    instants.push(at);
  }
  expect(instants[4], 'the presses move the clock on').toBeGreaterThan(instants[0]);
  // The paused clock shows the instant the last press ran (to its tenth of a second), and stays there.
  // (Pressing on until the tenths move can take hundreds of presses while the control plane starts:
  // its events lie microseconds apart.)
  const lastStep = Math.floor(Math.round(instants[4] * 1e6) / 100_000) * 100;
  await expect.poll(() => clockMs(page), { message: 'the paused clock shows the last step' }).toBe(lastStep);
  await expect(clock).toContainText('paused');
  await expect(toggle).toHaveAccessibleName('Resume');
  const stepped = await clockSettles(page, 1000);
  expect(stepped).toBe(lastStep);
  expect(stepped).toBeGreaterThanOrEqual(paused);

  // Resume: the clock runs again and the trace goes.
  await toggle.click();
  await expect(trace).toBeHidden();
  await expect(toggle).toHaveAccessibleName('Pause');
  await expect(clock).toContainText('sim');
  await expect(clock).not.toHaveClass(/clock--paused/);
  await expect.poll(() => clockMs(page), { message: 'the resumed clock advances' }).toBeGreaterThan(stepped);

  // Speed: 1× by default; the slider (log scale, 10^value) sets 10×, then 0.1×.
  const speed = page.getByTestId('speed');
  const shown = page.getByTestId('speed-value');
  await expect(shown).toHaveText('1×');
  await speed.fill('1');
  await expect(shown).toHaveText('10×');
  await expect(speed).toHaveAttribute('aria-valuetext', '10×');
  await speed.fill('-1');
  await expect(shown).toHaveText('0.1×');
  await expect(speed).toHaveAttribute('aria-valuetext', '0.1×');
  // The keyboard shortcut (']', faster) changes it too, as a user would press it.
  await page.getByTestId('canvas').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press(']');
  await expect(shown).toHaveText('0.2×');
  // On the focused slider the arrows step the same way (their native 0.01 would snap back), Home and End go to the ends.
  await speed.focus();
  await page.keyboard.press('ArrowRight');
  await expect(shown).toHaveText('0.5×');
  await page.keyboard.press('ArrowRight');
  await expect(shown).toHaveText('1×');
  await page.keyboard.press('ArrowRight');
  await expect(shown).toHaveText('2×');
  // From a speed off the slider's step (log10 2), the slider still moves.
  await speed.fill('-0.3');
  await expect(shown).toHaveText('0.5×');
  await page.keyboard.press('End');
  await expect(shown).toHaveText('100×');
  await page.keyboard.press('ArrowLeft');
  await expect(shown).toHaveText('50×');
  await page.keyboard.press('Home');
  await expect(shown).toHaveText('0.1×');
  await page.keyboard.press(']');
  await expect(shown).toHaveText('0.2×');
  // The clock still runs at the new speed.
  const slow = await clockMs(page);
  await expect.poll(() => clockMs(page), { message: 'the clock runs at the new speed' }).toBeGreaterThan(slow);

  expect(errors).toEqual([]);
});
