// Steps for the terminal journeys: pick a tab, paste as a browser pastes, read the whole buffer.
import { expect, type Locator, type Page } from '@playwright/test';

/** The terminal of tab `n` (tab 1 is the one e2e/helpers.ts uses). */
export function terminal(page: Page, n = 1): Locator {
  return page.getByTestId(n === 1 ? 'terminal' : `terminal-${n}`);
}

/** Every row of tab `n`'s buffer, scrollback included; `wrapped` rows continue the row above. */
export async function bufferRows(page: Page, n = 1): Promise<{ text: string; wrapped: boolean }[]> {
  return terminal(page, n).evaluate((el) => (el as HTMLElement & { kubeplayTerminal: { rows(): { text: string; wrapped: boolean }[] } }).kubeplayTerminal.rows());
}

/** The buffer as logical lines: wrapped rows joined back onto the row they continue. */
export async function bufferLines(page: Page, n = 1): Promise<string[]> {
  const lines: string[] = [];
  for (const r of await bufferRows(page, n)) {
    if (r.wrapped && lines.length) lines[lines.length - 1] += r.text;
    else lines.push(r.text);
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.trimEnd());
}

/** Pastes `text` into tab `n` as the browser does (a paste event on xterm's textarea). */
export async function paste(page: Page, text: string, n = 1): Promise<void> {
  await terminal(page, n).click();
  await terminal(page, n)
    .locator('textarea')
    .evaluate((ta, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
}

/**
 * Waits until the command line `line` (found from the end of the buffer) is followed by a prompt,
 * and returns the output between.
 */
export async function outputOf(page: Page, line: string, n = 1, timeout = 60_000): Promise<string[]> {
  let output: string[] = [];
  await expect(async () => {
    const lines = await bufferLines(page, n);
    const at = lines.lastIndexOf(`$ ${line}`);
    expect(at, `"$ ${line}" is in the buffer`).toBeGreaterThanOrEqual(0);
    const after = lines.slice(at + 1);
    const prompt = after.findIndex((l) => l.startsWith('$ ') || l === '$');
    expect(prompt, 'the command finished and printed a new prompt').toBeGreaterThanOrEqual(0);
    output = after.slice(0, prompt);
  }).toPass({ timeout });
  return output;
}

/** Types `line` into tab `n`, presses Enter and returns its output once the prompt is back. */
export async function run(page: Page, line: string, n = 1): Promise<string[]> {
  await terminal(page, n).click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  return outputOf(page, line, n);
}
