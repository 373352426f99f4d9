// Shared steps for the journeys: open the app, find members, type into the terminal.
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { parseRecording, type Recording } from '../engine/cluster';

/** Every member card on the canvas. */
export function memberCards(page: Page): Locator {
  return page.locator('[data-testid^="member-etcd-"]');
}

/** The card of one member. */
export function memberCard(page: Page, name: string): Locator {
  return page.getByTestId(`member-${name}`);
}

/** Opens the app and waits until the cluster reports its members. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(memberCards(page).first()).toBeVisible();
}

/** Waits until exactly one member leads and returns its name and term. */
export async function waitForLeader(page: Page, opts: { notName?: string; minTerm?: number } = {}): Promise<{ name: string; term: number }> {
  let found = { name: '', term: 0 };
  await expect(async () => {
    const leaders = memberCards(page).and(page.locator('[data-role="leader"]'));
    const names: string[] = [];
    const terms: number[] = [];
    for (const card of await leaders.all()) {
      names.push((await card.getAttribute('data-testid'))!.replace(/^member-/, ''));
      terms.push(Number(await card.getAttribute('data-term')));
    }
    // A stale leader cut off in an old term can coexist with the real one; take the highest term.
    const top = Math.max(...terms);
    const current = names.filter((_, i) => terms[i] === top);
    expect(current).toHaveLength(1);
    if (opts.notName) expect(current[0]).not.toBe(opts.notName);
    if (opts.minTerm !== undefined) expect(top).toBeGreaterThanOrEqual(opts.minTerm);
    await expect(page.getByTestId('cluster-leader')).toContainText(current[0], { timeout: 1000 });
    found = { name: current[0], term: top };
  }).toPass({ timeout: 60_000 });
  return found;
}

/** The terminal's visible lines, as text. */
export async function terminalLines(page: Page): Promise<string[]> {
  const rows = await page.locator('[data-testid="terminal"] .xterm-rows > div').allTextContents();
  return rows.map((r) => r.replace(/\u00a0/g, ' ').trimEnd());
}

/** Sets the clock's speed with the top bar's slider (log scale: its value is log10 of the speed), wherever the focus is. */
export async function setSpeed(page: Page, speed: number): Promise<void> {
  await page.getByTestId('speed').fill(String(Math.round(Math.log10(speed) * 100) / 100));
  await expect(page.getByTestId('speed-value')).toHaveText(`${speed}×`);
}

/** Types a command line into the terminal and presses Enter. */
export async function typeCommand(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Waits until `line` has run and its output is followed by a fresh prompt; returns the output lines. */
export async function runCommand(page: Page, line: string): Promise<string[]> {
  await typeCommand(page, line);
  let output: string[] = [];
  await expect(async () => {
    const lines = await terminalLines(page);
    const at = lines.map((l) => l === `$ ${line}`).lastIndexOf(true);
    expect(at, `"$ ${line}" is on screen`).toBeGreaterThanOrEqual(0);
    const after = lines.slice(at + 1);
    const prompt = after.findIndex((l) => l.startsWith('$'));
    expect(prompt, 'the command finished and printed a new prompt').toBeGreaterThanOrEqual(0);
    output = after.slice(0, prompt);
  }).toPass({ timeout: 60_000 });
  return output;
}

/** The cut/restore chip of the network link between two members (either order). */
export function linkChip(page: Page, a: string, b: string): Locator {
  const [x, y] = [a, b].sort();
  return page.getByTestId(`link-${x}-${y}`);
}

/** Saves the session with the top bar's Save button and reads the downloaded recording back. */
export async function saveRecording(page: Page, fileName?: RegExp): Promise<Recording> {
  const download = page.waitForEvent('download');
  await page.getByTestId('save-recording').click();
  const file = await download;
  if (fileName) expect(file.suggestedFilename()).toMatch(fileName);
  return parseRecording(await readFile((await file.path())!, 'utf8'));
}

/** Waits until the apiserver serves (the Activity panel says so once its cache is filled and its defaults made). */
export async function waitForApiserver(page: Page): Promise<void> {
  await expect(page.getByText(/kube-apiserver-0 is serving/)).toBeVisible({ timeout: 60_000 });
}

/** Runs a kubectl line until it prints `want`: until the apiserver's bootstrap has made RBAC's roles an early request is refused. */
export async function kubectlUntil(page: Page, line: string, want: string): Promise<void> {
  await expect(async () => expect((await runCommand(page, line)).join('\n')).toContain(want)).toPass({ timeout: 60_000 });
}

/** The load generator's figures: totals and the last batch, per endpoint; HTTP statuses for a URL. */
export async function trafficFigures(page: Page): Promise<{ ok: number; failed: number; lastOk: number; lastFailed: number; endpoints: Record<string, { total: number; last: number }>; statuses: Record<string, number> }> {
  return page.evaluate(() => {
    const stats = document.querySelector('[data-testid="traffic-stats"]');
    const endpoints: Record<string, { total: number; last: number }> = {};
    for (const el of stats?.querySelectorAll<HTMLElement>('[data-endpoint]') ?? []) endpoints[el.dataset.endpoint!] = { total: Number(el.dataset.total), last: Number(el.dataset.last) };
    const statuses: Record<string, number> = {};
    for (const el of stats?.querySelectorAll<HTMLElement>('[data-status]') ?? []) statuses[el.dataset.status!] = Number(el.dataset.total);
    const ok = stats?.querySelector<HTMLElement>('[data-testid="traffic-ok"]');
    const failed = stats?.querySelector<HTMLElement>('[data-testid="traffic-failed"]');
    return { ok: parseInt(ok?.textContent ?? '0', 10), failed: parseInt(failed?.textContent ?? '0', 10), lastOk: Number(ok?.dataset.last ?? 0), lastFailed: Number(failed?.dataset.last ?? 0), endpoints, statuses };
  });
}
