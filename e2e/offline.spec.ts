// Journey: the app loads and runs entirely from the local server; nothing goes to the network.
import { expect, test } from '@playwright/test';
import { openApp, runCommand, waitForApiserver, waitForLeader } from './helpers';

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

test('the page ships a Content-Security-Policy that forbids eval and foreign loads, and runs under it', async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  page.on('console', (m) => m.text().startsWith('CSP violation') && violations.push(m.text()));
  await openApp(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).toContain("default-src 'self'");
  await waitForLeader(page);
  await waitForApiserver(page);
  expect(await runCommand(page, 'kubectl get ns -o name')).toContain('namespace/default');
  // A script the page itself tries to eval is refused.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__evaluated = true';
    document.body.append(s);
  });
  await expect.poll(() => violations.some((v) => v.startsWith('CSP violation: script-src'))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __evaluated?: boolean }).__evaluated)).toBeUndefined();
  expect(violations.filter((v) => !v.startsWith('CSP violation: script-src'))).toEqual([]);
});
