import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { stageClickTimes, timeStageClicks } from '../../bench/stageClickTimer.mjs';
import { ANSWERED_WHILE_RUNNING_MS } from './page';

/**
 * Starts the analysis in `panel` and, while it runs, clicks each of `stages` in turn: what a user feels,
 * from each click's own time stamp to the new stage on the page. The first click must land while the
 * run still goes (it did not wait for the end), and every click made during the run within
 * ANSWERED_WHILE_RUNNING_MS. The times are noted on the test as `what`.
 */
export async function clickStagesWhileRunning(page: Page, panel: Locator, stages: string[], testInfo: TestInfo, what: string): Promise<void> {
  // where to click, found before the run (each look-up is a round trip to the busy page)
  const boxes = [];
  for (const stage of stages) {
    await page.getByTestId(`stage-${stage}`).scrollIntoViewIfNeeded();
    boxes.push((await page.getByTestId(`stage-${stage}`).boundingBox())!);
  }
  await page.evaluate(timeStageClicks);
  // started without scrolling, so that the boxes stay where they are
  await panel.getByTestId('analysis-run').evaluate((b) => (b as HTMLButtonElement).click());
  await expect(panel.getByTestId('analysis-progress')).toBeAttached();
  for (const [i, box] of boxes.entries()) {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', stages[i]!, { timeout: 10_000 });
  }
  const clicks = await page.evaluate(stageClickTimes);
  testInfo.annotations.push({
    type: `stage click → new stage on the page, during ${what} (ms)`,
    description: clicks.map((c) => `${Math.round(c.ms)}${c.running ? '' : ' (after it ended)'}`).join(', '),
  });
  expect(clicks).toHaveLength(stages.length);
  expect(clicks[0]!.running).toBe(true);
  for (const c of clicks.filter((c) => c.running)) expect(c.ms).toBeLessThanOrEqual(ANSWERED_WHILE_RUNNING_MS);
}
