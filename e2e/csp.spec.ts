/**
 * The built page's Content-Security-Policy: present in the page served from the production build
 * (the meta tag; public/_headers carries the same policy for hosts that read it), live (an
 * injected inline script is refused), and the page runs under it on every backend, the wasm
 * kernels' workers included, with no violation reported.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { waitReady } from './support/page';

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')] as const),
  );

/** Every CSP violation the page or its workers report, as text. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__reportCsp', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(
        `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      ),
    );
  });
  const fromConsole = (text: string) => {
    if (/Content Security Policy|Refused to/i.test(text)) seen.push(text);
  };
  page.on('console', (m) => fromConsole(m.text()));
  page.on('worker', (w) => w.on('console', (m) => fromConsole(m.text())));
  page.on('pageerror', (e) => fromConsole(e.message));
  return seen;
}

test('the production build carries the policy, enforces it, and runs on every backend with no violation', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const html = await (await request.get('/')).text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  expect(meta, 'the built index.html has a CSP meta tag').not.toBeNull();
  const policy = directives(meta![1]!);
  expect(policy.get('object-src')).toBe("'none'");
  expect(policy.get('script-src')).toBe("'self' 'wasm-unsafe-eval' blob:");
  expect(policy.get('img-src')).toBe("'self' blob: data:");
  expect(policy.get('base-uri')).toBe("'none'");
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script in the built page

  const headers = readFileSync('public/_headers', 'utf8');
  const header = /^\s*Content-Security-Policy:\s*(.+)$/m.exec(headers);
  expect(header, 'public/_headers sets the policy').not.toBeNull();
  const fromHeader = directives(header![1]!);
  expect(fromHeader.get('frame-ancestors')).toBe("'none'");
  fromHeader.delete('frame-ancestors'); // only a header can say it
  expect(Object.fromEntries(fromHeader)).toEqual(Object.fromEntries(policy));

  const violations = await watchViolations(page);
  await page.goto('/?backend=wasm');
  await waitReady(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('prediction')).not.toBeEmpty();
  for (const backend of ['cpu', 'webgl', 'wasm']) {
    await page.getByTestId('backend-select').selectOption(backend);
    await waitReady(page);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', backend);
  }
  // the explainer's formulas (KaTeX: fonts and inline styles) and an analysis that re-runs the model
  await page.getByTestId('stage-scores').click();
  await expect(page.getByTestId('stage-panel').locator('.katex').first()).toBeVisible();
  await page.getByTestId('analysis-tab-classmap').click();
  await page.getByTestId('analysis-panel').getByTestId('analysis-run').click();
  await expect(page.getByTestId('classmap-map').locator('xpath=..')).toContainText('relevance for', { timeout: 60_000 });
  expect(violations).toEqual([]);

  // the policy is live: a script injected into the page does not run, and the refusal is reported
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.join('\n')).toMatch(/script-src/);
});
