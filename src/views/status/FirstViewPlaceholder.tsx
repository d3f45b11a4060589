import { STAGES } from '../../state/stages';
import { STAGE_TEXT } from '../explainer/stageText';
import './loadingAndOffline.css';
import { t } from '../../i18n';

/**
 * What the page shows while the first model and the kernels are still arriving (seconds on a slow
 * network): the stages it is about to walk through, not yet clickable, and what it is waiting for.
 */
export function FirstViewPlaceholder() {
  return (
    <section className="first-view-placeholder" data-testid="first-view-placeholder" aria-busy="true">
      <nav className="stepper" aria-label={t('stepper.loadingLabel')}>
        <ol>
          {STAGES.map((id, i) => (
            <li key={id}>
              <button type="button" className="step" disabled title={STAGE_TEXT[id].title}>
                <span className="step-number">{i + 1}</span> {STAGE_TEXT[id].short}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <p className="muted">
        {t('firstView.arriving')}
      </p>
    </section>
  );
}
