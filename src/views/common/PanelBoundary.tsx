import { Component, type ErrorInfo, type ReactNode } from 'react';
import { drivenByAutomation } from '../../platform/automation';
import { t } from '../../i18n';

/** Told when a panel fails (message) and when it draws again (null): what the status line reports. */
export type PanelErrorReport = (name: string, title: string, message: string | null) => void;

export interface PanelBoundaryProps {
  /** the panel's id, written as data-panel on its error ("stage:scores", "attention:matrix", "analysis:distance") */
  name: string;
  /** the panel in words, for the message: "The attention distance analysis" */
  title: string;
  /** the model it runs on, for the message */
  model: string;
  /** when any of these changes (another trace, layer or stage) the panel gets another try */
  resetKeys?: readonly unknown[];
  onError?: PanelErrorReport;
  children: ReactNode;
}

interface State {
  error: Error | null;
  keys: readonly unknown[];
}

const sameKeys = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

declare global {
  interface Window {
    /** tests only: the data-panel name of a panel made to fail, to check that it fails alone */
    __vitlensFailPanel?: string;
  }
}

/** Throws when a test asked this panel to fail (window.__vitlensFailPanel), so the boundary can be seen at work. */
function FailWhenAsked({ name, children }: { name: string; children: ReactNode }) {
  if (drivenByAutomation() && window.__vitlensFailPanel === name) {
    throw new Error(`${name} was made to fail by the test hook`);
  }
  return <>{children}</>;
}

/**
 * One panel's error boundary: a failure while drawing shows inside the panel (what failed, on which
 * model, the error) and the rest of the page keeps working.
 */
export class PanelBoundary extends Component<PanelBoundaryProps, State> {
  state: State = { error: null, keys: this.props.resetKeys ?? [] };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: PanelBoundaryProps, state: State): Partial<State> | null {
    const keys = props.resetKeys ?? [];
    return sameKeys(keys, state.keys) ? null : { error: null, keys };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.title} failed on ${this.props.model}:`, error, info.componentStack);
    this.props.onError?.(this.props.name, this.props.title, error.message);
  }

  componentDidUpdate(_: PanelBoundaryProps, previous: State): void {
    if (previous.error && !this.state.error) this.props.onError?.(this.props.name, this.props.title, null);
  }

  componentWillUnmount(): void {
    if (this.state.error) this.props.onError?.(this.props.name, this.props.title, null);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return <FailWhenAsked name={this.props.name}>{this.props.children}</FailWhenAsked>;
    return (
      <div className="panel-error" role="alert" data-testid="panel-error" data-panel={this.props.name}>
        <strong>{t('boundary.failed', { title: this.props.title, model: this.props.model })}</strong> {t('boundary.rest')}
        <pre>{error.message}</pre>
      </div>
    );
  }
}
