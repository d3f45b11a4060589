export interface StageClick {
  /** click → new stage on the page */
  ms: number;
  /** an analysis was still running when the stage changed */
  running: boolean;
}
export function timeStageClicks(): void;
export function stageClickTimes(): Promise<StageClick[]>;
