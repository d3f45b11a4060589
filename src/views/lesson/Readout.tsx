import type { WhyText } from './lessonText';

/** What the step's try-this changed, in a sentence: the hook e2e reads. */
export function Readout({ children }: { children: React.ReactNode }) {
  return (
    <p className="lesson-readout" data-testid="lesson-readout" aria-live="polite">
      {children}
    </p>
  );
}

/** One of the article's three "why" questions, answered with this image's numbers. */
export function WhyBox({ id, why, live, label, children }: { id: string; why: WhyText; live: string; label: string; children?: React.ReactNode }) {
  return (
    <aside className="lesson-why" data-testid={`lesson-why-${id}`}>
      <h3>
        {label} {why.question}
      </h3>
      <p>{why.answer}</p>
      <p className="lesson-why-live">{live}</p>
      {children}
    </aside>
  );
}
