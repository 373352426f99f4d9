// Journey: the app loads and runs entirely from the local server; nothing goes to the network.
import { expect, test } from '@playwright/test';
import { openApp, waitForLeader } from './helpers';

test('the page loads and no request leaves 127.0.0.1', async ({ page, context, baseURL }) => {
  const requested: string[] = [];
  const errors: string[] = [];
  // Routing sees page and worker requests alike; nothing is let through without being recorded.
  await context.route('**/*', (route) => {
    requested.push(route.request().url());
    return route.continue();
  });
  context.on('request', (r) => requested.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));

  await openApp(page);
  await waitForLeader(page);
  await expect(page).toHaveTitle(/Kubeplay/);
  await expect(page.getByTestId('terminal')).toContainText('$');

  const origin = new URL(baseURL!).origin;
  expect(new URL(origin).hostname).toBe('127.0.0.1');
  expect(requested.length).toBeGreaterThan(0);
  const outside = requested.filter((u) => !(u.startsWith(`${origin}/`) || u === origin || u.startsWith('data:') || u.startsWith('blob:')));
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
