// Journey: `kubectl edit` in the terminal opens its file in a dialog (Monaco, YAML, kubectl's header
// comment on top, focus in the editor). Typing a change and Ctrl+S saves it: the terminal prints
// `deployment.apps/web edited` and the Deployment has it; Escape quits without saving: "Edit
// cancelled, no changes made."; a change the apiserver refuses reopens the file with the reasons at
// the top, as kubectl does; and a reload with the dialog open puts the unsaved text in the editor.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openApp } from './helpers';
import { outputOf, run, terminal } from './terminal-helpers';

const dialog = (page: Page): Locator => page.getByRole('dialog', { name: /kubectl edit deploy\/web/ });

/** The text Monaco shows in the dialog (its visible lines, top first). */
async function shownText(page: Page): Promise<string> {
  const text = await dialog(page).locator('.view-lines').innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Types `kubectl edit deploy/web` and waits for the dialog's editor to take focus. */
async function openEdit(page: Page): Promise<void> {
  await terminal(page).click();
  await page.keyboard.type('kubectl edit deploy/web');
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
  await expect(dialog(page).locator('textarea')).toBeFocused();
}

/**
 * Puts the cursor at the end of the first line below the cursor holding `find`: Monaco's find
 * selects the first match as it is typed (Enter would go on to the next), Escape closes it.
 */
async function goToEndOf(page: Page, find: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type(find);
  await expect(dialog(page).locator('.find-widget .matchesCount')).not.toHaveText(/No results/);
  await page.keyboard.press('Escape');
  await expect(dialog(page).locator('.find-widget.visible')).toHaveCount(0);
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('End');
}

test('kubectl edit opens a dialog: Save applies, Escape cancels, an error reopens it, a reload keeps the text', async ({ page }) => {
  // Four edits and a reload that replays the session, on a shared machine.
  test.setTimeout(360_000);
  await openApp(page);
  // A busy machine runs the simulation slower than asked: the bootstrap can take a while.
  await expect(page.getByText(/kube-apiserver-0 is serving/)).toBeVisible({ timeout: 120_000 });
  // Until the apiserver's bootstrap has made RBAC's roles, an early request may be refused: ask again.
  await expect(async () => {
    const out = await run(page, 'kubectl create deployment web --image=nginx');
    expect(out.join('\n')).toMatch(/deployment\.apps\/web created|already exists/);
  }).toPass({ timeout: 60_000 });

  // The file as kubectl writes it, in a modal dialog named by the command, the editor focused.
  await openEdit(page);
  await expect(dialog(page)).toHaveAttribute('aria-modal', 'true');
  const first = await shownText(page);
  expect(first).toContain("# Please edit the object below. Lines beginning with a '#' will be ignored,");
  expect(first).toContain('kind: Deployment');
  expect(first).toContain('replicas: 1');
  await page.screenshot({ path: '/tmp/h5/dialog.png' });

  // Tab stays in the dialog: from Save it comes back round to the editor.
  await dialog(page).getByTestId('kubectl-edit-save').focus();
  await page.keyboard.press('Tab');
  await expect(dialog(page).locator('textarea')).toBeFocused();

  // replicas: 1 → 3 by keyboard, Ctrl+S: kubectl patches and says so; focus is back in the terminal.
  await goToEndOf(page, 'replicas: 1');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('3');
  await expect.poll(() => shownText(page)).toContain('replicas: 3');
  await page.keyboard.press('ControlOrMeta+S');
  await expect(dialog(page)).toBeHidden();
  expect(await outputOf(page, 'kubectl edit deploy/web')).toEqual(['deployment.apps/web edited']);
  await expect(terminal(page).locator('textarea')).toBeFocused();
  const get = await run(page, 'kubectl get deploy web');
  expect(get[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
  expect(get[1]).toMatch(/^web\s+\d\/3\s/);

  // Escape quits without saving.
  await openEdit(page);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  expect(await outputOf(page, 'kubectl edit deploy/web')).toEqual(['Edit cancelled, no changes made.']);

  // A change the apiserver refuses: kubectl reopens the file with its reasons as comments on top.
  await openEdit(page);
  await goToEndOf(page, 'replicas: 3');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('-1');
  await dialog(page).getByTestId('kubectl-edit-save').click();
  await expect(dialog(page).getByTestId('kubectl-edit-reopened')).toBeVisible();
  await expect(dialog(page).locator('textarea')).toBeFocused();
  await expect.poll(() => shownText(page)).toContain('# deployments.apps "web" was not valid:');
  expect(await shownText(page)).toContain('# * spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  await page.screenshot({ path: '/tmp/h5/dialog-reopened.png' });
  // Quitting the reopened file unchanged gives up, as kubectl does.
  await dialog(page).getByTestId('kubectl-edit-cancel').click();
  await expect(dialog(page)).toBeHidden();
  expect(await outputOf(page, 'kubectl edit deploy/web')).toEqual(['error: Edit cancelled, no valid changes were saved.']);
  expect((await run(page, 'kubectl get deploy web -o jsonpath={.spec.replicas}'))[0]).toMatch(/^3/);

  // A reload with the dialog open: the unsaved text lands in the manifest editor, and the page says so.
  await openEdit(page);
  await goToEndOf(page, 'replicas: 3');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('7');
  await page.reload();
  await expect(page.getByTestId('work-tab-editor')).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
  const editor = page.locator('[data-testid="manifest-monaco"] .view-lines');
  await expect(editor).toContainText('Unsaved text of `kubectl edit deploy/web`', { timeout: 60_000 });
  expect((await editor.innerText()).replace(/\u00a0/g, ' ')).not.toContain('# Please edit the object below');
  // The changed line is further down than the dock shows: Monaco's find counts it.
  await page.locator('[data-testid="manifest-monaco"] textarea').focus();
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type('replicas: 7');
  await expect(page.locator('[data-testid="manifest-monaco"] .find-widget .matchesCount')).toHaveText(/^1 of 1$/);
  await expect(page.getByText(/kubectl edit deploy\/web was ended by the reload before Save/)).toBeVisible();
  await expect(dialog(page)).toBeHidden();
});
