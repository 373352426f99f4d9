// Session restore: how long a reload takes to bring back a session of 10 simulated minutes (or
// BENCH_MINUTES), with a write every simulated 30 s, a killed member and a restart on the way. The
// page replays the session's recording fast-forward; this prints the wall time from reload until
// the replayed cluster is at the saved instant, and checks that it is the same history (digest).
// Prints figures only; it never fails on time. Run: npm run bench:restore

import { availableParallelism } from 'node:os';
import type { Page } from '@playwright/test';
import { clockMs, fmt, runMain, withBuiltPage } from './browser';

const minutes = Number(process.env.BENCH_MINUTES ?? 10);

interface Rec {
  nowUs: number;
  digest: string;
  steps: unknown[];
}

/** The session's recording, as Save recording would write it. */
async function recordingOf(page: Page): Promise<Rec> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-recording').click()]);
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Rec;
}

/** Runs a terminal command and waits for the prompt after it. */
async function run(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (l) => {
      const rows = [...document.querySelectorAll('[data-testid="terminal"] .xterm-rows > div')].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd());
      const at = rows.lastIndexOf(`$ ${l}`);
      return at >= 0 && rows.slice(at + 1).some((r) => r.startsWith('$'));
    },
    line,
    { timeout: 60_000 },
  );
}

runMain(() =>
  withBuiltPage(async (browser, baseURL) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    await page.goto('/?seed=3');
    await page.locator('[data-role="leader"]').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('speed').fill('2');
    const wall0 = Date.now();
    let next = 0;
    let puts = 0;
    for (;;) {
      const now = await clockMs(page);
      if (now >= minutes * 60_000) break;
      if (now >= next) {
        await run(page, `etcdctl put /bench/k${puts} v${puts}`);
        puts++;
        if (puts === 4) {
          await page.getByTestId('member-etcd-2').click();
          await page.getByTestId('member-menu-etcd-2').getByRole('menuitem', { name: 'Kill' }).click();
        }
        if (puts === 8) {
          await page.getByTestId('member-etcd-2').click();
          await page.getByTestId('member-menu-etcd-2').getByRole('menuitem', { name: 'Restart' }).click();
        }
        next = now + 30_000;
      }
      await page.waitForTimeout(200);
    }
    await page.getByTestId('toggle-pause').click();
    const before = await recordingOf(page);
    const buildWall = (Date.now() - wall0) / 1000;
    await page.waitForTimeout(2500); // the page saves its session every 2 s
    const t0 = Date.now();
    await page.reload();
    await page.getByTestId('toggle-pause').and(page.locator('[aria-label="Resume"]')).waitFor({ timeout: 600_000 });
    const restoreMs = Date.now() - t0;
    const after = await recordingOf(page);
    console.log(`Kubeplay session restore (headless Chromium ${browser.version()}, ${availableParallelism()} cores)\n`);
    console.log(`    session                     ${fmt(before.nowUs / 60e6, 1)} simulated min, ${before.steps.length} steps (${puts} puts, a kill, a restart), built in ${fmt(buildWall, 1)} wall s`);
    console.log(`    reload to restored          ${fmt(restoreMs).padStart(10)} wall ms (${fmt(before.nowUs / 1000 / restoreMs, 1)}× real time)`);
    console.log(`    same history                ${after.digest === before.digest && after.nowUs === before.nowUs ? 'yes' : `NO (digest ${before.digest} → ${after.digest})`}`);
    await context.close();
  }),
);
