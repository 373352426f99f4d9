// Journey: the app at a phone's, a tablet's and a desktop's size. Nothing scrolls sideways, the
// canvas and the terminal get usable room, the phone shows its panels as tabs, and the terminal
// panel can be resized with the keyboard. Screenshots land in test-results/ to be looked at.
import { expect, test } from '@playwright/test';
import { memberCards, openApp, waitForLeader } from './helpers';
import { expectTidyCards, horizontalOverflow, settle } from './layout-helpers';

const sizes = [
  { name: 'phone', width: 390, height: 844, canvasMin: { width: 370, height: 300 }, terminalMin: { width: 360, height: 200 } },
  { name: 'tablet', width: 1024, height: 700, canvasMin: { width: 700, height: 330 }, terminalMin: { width: 600, height: 190 } },
  { name: 'desktop', width: 1440, height: 900, canvasMin: { width: 1000, height: 500 }, terminalMin: { width: 900, height: 220 } },
] as const;

for (const size of sizes) {
  test(`${size.name} (${size.width}×${size.height}): no sideways scroll, room for canvas and terminal`, async ({ page }, info) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openApp(page);
    await waitForLeader(page);
    await expect(memberCards(page)).toHaveCount(3);
    await settle(page);
    await expect(page.locator('.app')).toHaveAttribute('data-layout', size.name);

    const { scrollWidth, innerWidth } = await horizontalOverflow(page);
    expect(scrollWidth, 'the page does not scroll sideways').toBeLessThanOrEqual(innerWidth);

    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    expect(canvas.width).toBeGreaterThanOrEqual(size.canvasMin.width);
    expect(canvas.height).toBeGreaterThanOrEqual(size.canvasMin.height);
    const terminal = (await page.getByTestId('terminal').boundingBox())!;
    expect(terminal.width).toBeGreaterThanOrEqual(size.terminalMin.width);
    expect(terminal.height).toBeGreaterThanOrEqual(size.terminalMin.height);
    // Nothing sticks out of the window.
    expect(terminal.x + terminal.width).toBeLessThanOrEqual(size.width + 1);
    expect(terminal.y + terminal.height).toBeLessThanOrEqual(size.height + 1);

    // The cards fit the canvas and do not overlap; the legend covers none of them.
    await expectTidyCards(page, page.getByTestId('canvas'));
    await page.screenshot({ path: info.outputPath(`${size.name}.png`) });
  });
}

test('phone: the dock shows terminal, activity and palette as tabs; the terminal keeps its session', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await waitForLeader(page);
  await expect(page.getByRole('tab', { name: /Terminal/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('terminal')).toBeVisible();

  await page.getByRole('tab', { name: /Activity/ }).click();
  await expect(page.getByTestId('activity')).toBeVisible();
  await expect(page.getByTestId('terminal')).toBeHidden();
  await expect(page.getByTestId('activity')).toContainText('elected leader');

  await page.getByRole('tab', { name: /Palette/ }).click();
  await expect(page.getByTestId('palette-etcd-member')).toBeVisible();
  await expect(page.getByTestId('action-killLeader')).toBeVisible();

  await page.getByRole('tab', { name: /Terminal/ }).click();
  await expect(page.getByTestId('terminal')).toBeVisible();
  await expect(page.getByTestId('terminal')).toContainText('Kubeplay');
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
});

test('the terminal panel resizes from its handle, by keyboard and by dragging', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page);
  const handle = page.getByRole('separator', { name: /Resize the terminal/ });
  const height = async () => (await page.getByTestId('terminal').boundingBox())!.height;
  const before = await height();

  await handle.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
  await expect.poll(height).toBeGreaterThan(before + 80);
  const now = Number(await handle.getAttribute('aria-valuenow'));
  expect(now).toBeGreaterThan(0);
  await page.keyboard.press('End');
  await expect.poll(height).toBeLessThan(before);
  await page.keyboard.press('Enter');
  await expect.poll(height).toBeCloseTo(before, -1);

  // Drag it up by 150 px.
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - 150, { steps: 6 });
  await page.mouse.up();
  await expect.poll(height).toBeGreaterThan(before + 120);
  // The canvas keeps room; the page still does not scroll.
  expect((await page.getByTestId('canvas').boundingBox())!.height).toBeGreaterThan(150);
  expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(1024);
});
