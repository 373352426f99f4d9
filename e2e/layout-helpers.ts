// Shared steps for the layout and keyboard journeys: boxes on screen, overlaps, shown link chips.
import { expect, type Locator, type Page } from '@playwright/test';
import { memberCards } from './helpers';

/** A box on the page. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes overlap (by more than `slack` px each way). */
export function overlap(a: Rect, b: Rect, slack = 1): boolean {
  return a.x + a.width - slack > b.x && b.x + b.width - slack > a.x && a.y + a.height - slack > b.y && b.y + b.height - slack > a.y;
}

/** The bounding boxes of every member card on the canvas, by name. */
export async function cardBoxes(page: Page): Promise<Map<string, Rect>> {
  const out = new Map<string, Rect>();
  for (const card of await memberCards(page).all()) {
    const name = (await card.getAttribute('data-testid'))!.replace(/^member-/, '');
    const box = await card.boundingBox();
    if (box) out.set(name, box);
  }
  return out;
}

/** Fails if two cards overlap, or if a card is not wholly inside `within`. */
export async function expectTidyCards(page: Page, within: Locator): Promise<void> {
  const area = (await within.boundingBox())!;
  const boxes = [...(await cardBoxes(page)).entries()];
  for (const [name, b] of boxes) {
    expect(b.x, `${name} is inside the canvas (left)`).toBeGreaterThanOrEqual(area.x - 1);
    expect(b.y, `${name} is inside the canvas (top)`).toBeGreaterThanOrEqual(area.y - 1);
    expect(b.x + b.width, `${name} is inside the canvas (right)`).toBeLessThanOrEqual(area.x + area.width + 1);
    expect(b.y + b.height, `${name} is inside the canvas (bottom)`).toBeLessThanOrEqual(area.y + area.height + 1);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(overlap(boxes[i][1], boxes[j][1]), `${boxes[i][0]} and ${boxes[j][0]} do not overlap`).toBe(false);
    }
  }
}

/** How many link cut/restore chips are drawn visibly right now. */
export async function shownLinkChips(page: Page): Promise<number> {
  return page.locator('button.link-chip').evaluateAll((els) => els.filter((e) => Number(getComputedStyle(e).opacity) > 0.5).length);
}

/** The page scrolls sideways if its content is wider than the window. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
}

/** Waits until the view has settled (fit animations take 250 ms) and every card is measured. */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(600);
}
