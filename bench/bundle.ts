// The JavaScript a visitor downloads before the canvas is interactive: the page-thread scripts
// requested before the canvas's performance mark (React Flow initialised, taking input; the
// target: under 200 KB gzip); then what the page thread has loaded by the first etcd member card
// (the engine's page half and xterm follow the canvas), the Workers' scripts apart, and what
// opening the manifest editor adds (Monaco). Each file is counted once, gzip-compressed as a server
// would send it (zlib level 9, as Vite's report does).
// Prints figures only. Run: npm run bench:bundle

import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';
import { canvasInteractiveMark } from '../app/lib/first-paint';
import { fmt, runMain, withBuiltPage } from './browser';

interface Loaded {
  path: string;
  bytes: number;
  gzip: number;
  worker: boolean;
}

const kb = (n: number) => `${fmt(n / 1024, 1)} KB`;

/** Records every JavaScript response from now on, with the thread that asked for it. */
function recordScripts(page: Page): Map<string, Loaded> {
  const seen = new Map<string, Loaded>();
  const onResponse = async (r: Response) => {
    const url = new URL(r.url());
    if (!url.pathname.endsWith('.js') || seen.has(url.pathname)) return;
    const body = await r.body().catch(() => null);
    if (!body) return;
    // A Worker's own script, or a chunk a Worker imports, has no frame; the page's scripts have one.
    let worker = false;
    try {
      r.request().frame();
    } catch {
      worker = true;
    }
    seen.set(url.pathname, { path: url.pathname, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, worker: worker || /\.worker-/.test(url.pathname) });
  };
  page.on('response', (r) => void onResponse(r));
  return seen;
}

function total(list: Loaded[]): { bytes: number; gzip: number } {
  return list.reduce((t, l) => ({ bytes: t.bytes + l.bytes, gzip: t.gzip + l.gzip }), { bytes: 0, gzip: 0 });
}

function print(title: string, list: Loaded[]): void {
  const t = total(list);
  console.log(`${title}: ${kb(t.gzip)} gzip (${kb(t.bytes)} raw) in ${list.length} files`);
  for (const l of [...list].sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kb(l.gzip).padStart(10)}  ${l.path}`);
}

/** The page thread's script URLs (resource timing) requested before the canvas's mark, and the mark's time. */
async function requestedBeforeCanvas(page: Page): Promise<{ paths: Set<string>; markMs: number }> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, canvasInteractiveMark, { timeout: 60_000 });
  const { paths, markMs } = await page.evaluate((mark) => {
    const at = performance.getEntriesByName(mark)[0].startTime;
    const entries = performance.getEntriesByType('resource').filter((e) => e.startTime < at && new URL(e.name).pathname.endsWith('.js'));
    return { paths: entries.map((e) => new URL(e.name).pathname), markMs: at };
  }, canvasInteractiveMark);
  // The page's own module script is the navigation's first request, before resource timing starts for it.
  return { paths: new Set(paths), markMs };
}

runMain(() =>
  withBuiltPage(async (browser, baseURL) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const seen = recordScripts(page);
    await page.goto(baseURL);
    const canvas = await requestedBeforeCanvas(page);
    await page.locator('[data-testid^="member-etcd-"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    const cardsMs = await page.evaluate(() => performance.now());
    // Responses already started finish being read.
    await page.waitForTimeout(1000);
    const all = [...seen.values()];
    const entry = all.filter((l) => !l.worker && (canvas.paths.has(l.path) || /\/index-[^/]*\.js$/.test(l.path)));
    const main = all.filter((l) => !l.worker);
    const workers = all.filter((l) => l.worker);
    console.log('Kubeplay: JavaScript on a fresh visit (desktop 1440×900, headless Chromium)\n');
    print(`Before the canvas is interactive (React Flow initialised at ${fmt(canvas.markMs)} ms)`, entry);
    console.log(`  target: under 200 KB gzip — ${total(entry).gzip <= 200 * 1024 ? 'met' : 'NOT met'}\n`);
    print(`Page thread by the first etcd member card (${fmt(cardsMs)} ms; the engine's page half and xterm load after the canvas)`, main);
    console.log('');
    print('Workers (the cluster, started beside the canvas)', workers);

    const before = new Set(seen.keys());
    await page.getByTestId('work-tab-editor').click();
    await page.locator('.monaco-editor').first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(1000);
    const later = [...seen.values()].filter((l) => !before.has(l.path));
    console.log('');
    print('Loaded on opening the manifest editor', later);
    await page.close();
  }),
);
