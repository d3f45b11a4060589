// The one stage-click timer of the bench (click-during-curves.mjs) and the e2e specs (cancelMidPass,
// engineWorker): both functions run in the page, through page.evaluate.

/**
 * Times every click on a stage button from the click's own time stamp to the new stage on the page
 * (its React commit and the panels' drawing, which run in the same task), with whether an analysis
 * was still running then. Each result is a promise in window.__stageClicks, in click order.
 */
export function timeStageClicks() {
  window.__stageClicks = [];
  document.addEventListener(
    'click',
    (event) => {
      if (!event.target.closest('[data-testid^="stage-"]')) return;
      const panel = document.querySelector('[data-testid="stage-panel"]');
      const before = panel.getAttribute('data-stage');
      window.__stageClicks.push(
        new Promise((resolve) => {
          const seen = () => {
            if (panel.getAttribute('data-stage') === before) return false;
            const running = document.querySelector('[data-testid="analysis-progress"]') !== null;
            resolve({ ms: performance.now() - event.timeStamp, running });
            return true;
          };
          if (!seen()) new MutationObserver((_, o) => seen() && o.disconnect()).observe(panel, { attributes: true });
        }),
      );
    },
    { capture: true },
  );
}

/** The timed clicks so far, once each has landed. */
export function stageClickTimes() {
  return Promise.all(window.__stageClicks);
}
