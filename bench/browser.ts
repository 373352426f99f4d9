// What the browser benchmarks share: a static server for a Vite build and Debian's Chromium,
// launched as the e2e tests launch it.

import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** A static server for a built page on a free port (Workers need real http URLs and a JavaScript MIME type). */
export function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    let path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) path = join(path, 'index.html');
    if (!path.startsWith(dir) || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Headless Debian Chromium (CHROMIUM_PATH overrides the binary). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** `1,234.5`. */
export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Builds the app (or `input`, an HTML page of the repository) into a temporary folder, serves it and
 * opens Chromium; runs `fn` with them, then cleans up.
 */
export async function withBuiltPage(fn: (browser: Browser, baseURL: string) => Promise<void>, input?: string): Promise<void> {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const outDir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-'));
  let server: Server | null = null;
  try {
    await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, ...(input ? { rolldownOptions: { input: join(root, input) } } : {}) } });
    server = await serve(outDir);
    const browser = await launchChromium();
    try {
      await fn(browser, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    } finally {
      await browser.close();
    }
  } finally {
    server?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Runs a benchmark's main, printing an error instead of an unhandled rejection. */
export function runMain(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

/** The toolbar clock (`mm:ss.t` or `h:mm:ss.t`) in simulated ms. */
export async function clockMs(page: Page): Promise<number> {
  const text = ((await page.getByTestId('clock').locator('.clock__value').textContent()) ?? '').trim();
  const m = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d)$/.exec(text);
  if (!m) throw new Error(`clock shows "${text}"`);
  const [, h = '0', mm, ss, t] = m;
  return ((Number(h) * 60 + Number(mm)) * 60 + Number(ss)) * 1000 + Number(t) * 100;
}
