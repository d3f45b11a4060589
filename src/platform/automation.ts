/**
 * Whether a test or the benchmark drives this page: WebDriver and Playwright set
 * navigator.webdriver. Only then are the window.__vitlens* hooks installed (the live tensor count,
 * the redraw timings, the test-only panel failure), so a user's page carries none of them.
 */
export function drivenByAutomation(): boolean {
  return typeof navigator !== 'undefined' && navigator.webdriver === true;
}
