/**
 * The lesson's step and presenter mode, read from the address once and mirrored into it on
 * every change (replaceState, the other parameters kept), like the explainer's selection.
 */
import { useCallback, useEffect, useState } from 'react';
import { LESSON_LENGTH, lessonStepFromParams, lessonToParams, presentFromParams } from './lessonAddress';

export function useLesson() {
  const [step, setStepRaw] = useState<number | null>(() => lessonStepFromParams(new URLSearchParams(location.search)));
  const [present, setPresent] = useState(() => presentFromParams(new URLSearchParams(location.search)));
  const setStep = useCallback(
    (next: number | null) => setStepRaw(next === null ? null : Math.min(Math.max(1, Math.trunc(next)), LESSON_LENGTH)),
    [],
  );
  useEffect(() => {
    const params = lessonToParams(step, present, new URLSearchParams(location.search));
    const search = params.toString();
    if (search !== location.search.replace(/^\?/, '')) history.replaceState(null, '', `?${search}`);
  }, [step, present]);
  return { step, setStep, present: present && step !== null, setPresent };
}
