// Shows what went wrong instead of a white screen, with a way out and the details for a bug
// report. Text only: error messages are rendered as text, never as HTML.
//
// Two placements: around each view (`onRetry` re-renders just that view, so open terminals
// survive) and around the whole app in main.tsx (only a reload can help there).
import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { Translate } from '../i18n/i18n';

interface Props {
  t: Translate;
  children: ReactNode;
  /** Offer "Try again", which clears the error and renders the children anew. */
  retry?: boolean;
}

interface State {
  error?: Error;
  stack?: string;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    this.setState({ stack: `${error.stack ?? error.message}\n${info.componentStack ?? ''}` });
  }

  override render() {
    const { t } = this.props;
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-boundary" role="alert">
        <h2>{t('error.title')}</h2>
        <p>{t(this.props.retry ? 'error.body' : 'error.app.body')}</p>
        <p className="error-boundary__message">{this.state.error.message}</p>
        <div className="error-boundary__actions">
          {this.props.retry && (
            <button type="button" className="button button--primary" onClick={() => this.setState({ error: undefined, stack: undefined })}>
              {t('error.retry')}
            </button>
          )}
          <button type="button" className={`button${this.props.retry ? '' : ' button--primary'}`} onClick={() => window.location.reload()}>
            {t('error.reload')}
          </button>
        </div>
        <details>
          <summary>{t('error.details')}</summary>
          <pre>{this.state.stack}</pre>
        </details>
      </div>
    );
  }
}
