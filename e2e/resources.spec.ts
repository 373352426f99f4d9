// Journeys of the resource browser: namespaces → kinds → objects, live from the apiserver's
// catalog; an object's YAML as `kubectl get -o yaml` prints it, fetched again when it changes;
// "Edit in editor"; the keyboard; and the panel at a desktop's, a tablet's and a phone's size
// (screenshots in the test's output folder, to be looked at).
import { expect, test, type Page } from '@playwright/test';
import { openApp, runCommand, waitForApiserver } from './helpers';
import { horizontalOverflow } from './layout-helpers';

/** Replaces the editor's text as a paste does. */
async function setEditorText(page: Page, text: string): Promise<void> {
  const textarea = page.locator('[data-testid="manifest-monaco"] textarea');
  await expect(textarea).toBeAttached({ timeout: 60_000 });
  await textarea.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await textarea.evaluate((ta, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n  greeting: hello\n';

test('objects show live: created, changed and deleted; Edit in editor takes a manifest', async ({ page }) => {
  await openApp(page, '?seed=31');
  await waitForApiserver(page);
  await page.getByTestId('work-tab-resources').click();
  const tree = page.getByTestId('resource-tree');
  // What the apiserver makes at bootstrap: the default namespace is open, the others closed.
  // By key: the ServiceAccount named default is a tree item whose name starts with "default" too.
  await expect(tree.locator('[data-key="ns:default"]')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('resource-Service-kubernetes')).toBeVisible();
  await expect(tree.locator('[data-key="ns:kube-system"]')).toHaveAttribute('aria-expanded', 'false');

  await page.getByTestId('resource-Service-kubernetes').click();
  const yaml = page.getByTestId('resource-yaml');
  await expect(yaml).toContainText('kind: Service');
  await expect(yaml).toContainText('name: kubernetes');

  // Made in the editor, it appears in the tree.
  await page.getByTestId('work-tab-editor').click();
  await setEditorText(page, configMap);
  await page.getByTestId('editor-apply').click();
  await expect(page.getByTestId('manifest-output')).toHaveText('configmap/demo created');
  await page.getByTestId('work-tab-resources').click();
  await page.getByTestId('resource-ConfigMap-demo').click();
  await expect(yaml).toContainText('greeting: hello');
  await expect(yaml).not.toContainText('team: blue');

  // Changed from the terminal: the YAML shown follows.
  await page.getByTestId('work-tab-terminal').click();
  expect(await runCommand(page, 'kubectl label configmap demo team=blue')).toEqual(['configmap/demo labeled']);
  await page.getByTestId('work-tab-resources').click();
  await expect(yaml).toContainText('team: blue');

  // Edit in editor: the object as a manifest, without what the server filled in. (A taller dock
  // shows all of it: Monaco draws only the lines in view.)
  await page.getByTestId('dock-resizer').focus();
  await page.keyboard.press('Home');
  await page.getByTestId('resource-edit').click();
  await expect(page.getByTestId('work-tab-editor')).toHaveAttribute('aria-selected', 'true');
  const lines = page.locator('[data-testid="manifest-monaco"] .view-lines');
  await expect(lines).toContainText('team: blue');
  await expect(lines).not.toContainText('resourceVersion');
  await expect(lines).not.toContainText('uid:');

  // Deleted: it leaves the tree; what was shown stays, marked deleted.
  await page.getByTestId('work-tab-terminal').click();
  expect(await runCommand(page, 'kubectl delete configmap demo')).toEqual(['configmap "demo" deleted']);
  await page.getByTestId('work-tab-resources').click();
  await expect(page.getByTestId('resource-ConfigMap-demo')).toHaveCount(0);
  await expect(page.locator('.resource-detail__gone')).toHaveText('deleted');
  await expect(yaml).toContainText('greeting: hello');
});

test('the tree works from the keyboard', async ({ page }) => {
  await openApp(page, '?seed=32');
  await waitForApiserver(page);
  await page.getByTestId('work-tab-resources').click();
  const tree = page.getByTestId('resource-tree');
  const ns = tree.locator('[data-key="ns:default"]');
  await expect(ns).toBeVisible();
  await ns.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(ns).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(ns).toHaveAttribute('aria-expanded', 'true');
  // Down into the kinds, to the Service's object, and Enter shows it.
  await page.keyboard.press('ArrowRight');
  // The first kind of the namespace takes focus. Which kind is first depends on what the controllers
  // have written by then (Services alone, then EndpointSlices, then the kube-root-ca.crt ConfigMap), and
  // the kinds can change under the key press: ask that a kind of default holds focus.
  await expect(tree.locator('[role="treeitem"][aria-level="2"]:focus')).toHaveAttribute('data-key', /^ns:default\/[a-z0-9.-]+$/);
  const service = page.getByTestId('resource-Service-kubernetes');
  for (let i = 0; i < 16 && !(await service.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
  await expect(service).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(service).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('resource-yaml')).toContainText('kind: Service');
  // Left goes up to the kind, then closes it.
  await page.keyboard.press('ArrowLeft');
  const kind = tree.getByRole('treeitem', { name: /^Service(?!Account)/ });
  await expect(kind).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(kind).toHaveAttribute('aria-expanded', 'false');
});

const sizes = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'tablet', width: 1024, height: 700 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const size of sizes) {
  test(`${size.name} (${size.width}×${size.height}): the browser and an object's YAML are readable`, async ({ page }, info) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openApp(page, '?seed=33');
    const phone = size.name === 'phone';
    await page.getByTestId(phone ? 'dock-tab-resources' : 'work-tab-resources').click();
    // The tree fills once the apiserver serves (on a phone the Activity panel saying so is hidden).
    const service = page.getByTestId('resource-Service-kubernetes');
    await expect(service).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: info.outputPath(`${size.name}-tree.png`) });
    await service.click();
    const yaml = page.getByTestId('resource-yaml');
    await expect(yaml).toContainText('clusterIP:');
    // Wide, tree and YAML side by side; on a phone the YAML replaces the list, with a way back.
    if (phone) {
      await expect(service).toBeHidden();
      await page.getByRole('button', { name: 'Back to the list' }).click();
      await expect(service).toBeVisible();
      await service.click();
    } else await expect(service).toBeVisible();
    const box = (await yaml.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(phone ? 360 : 440);
    expect(box.height).toBeGreaterThanOrEqual(phone ? 200 : 120);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width + 1);
    const { scrollWidth, innerWidth } = await horizontalOverflow(page);
    expect(scrollWidth, 'the page does not scroll sideways').toBeLessThanOrEqual(innerWidth);
    await page.screenshot({ path: info.outputPath(`${size.name}-yaml.png`) });

    // The editor at the same size, with a template in it.
    await page.getByTestId(phone ? 'dock-tab-editor' : 'work-tab-editor').click();
    await page.getByTestId('editor-templates').click();
    await page.getByTestId('editor-template-deployment').click();
    await expect(page.locator('[data-testid="manifest-monaco"] .view-lines')).toContainText('name: nginx-deployment', { timeout: 60_000 });
    const editor = (await page.getByTestId('manifest-monaco').boundingBox())!;
    expect(editor.width).toBeGreaterThanOrEqual(phone ? 360 : 600);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(innerWidth);
    await page.screenshot({ path: info.outputPath(`${size.name}-editor.png`) });
  });
}
