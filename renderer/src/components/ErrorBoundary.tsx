// Shows what went wrong instead of a white screen, with a way out (reload) and the details for a
// bug report. Text only: error messages are rendered as text, never as HTML.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { Translate } from '../i18n/i18n';

interface Props {
  t: Translate;
  children: ReactNode;
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
        <p>{t('error.body')}</p>
        <p className="error-boundary__message">{this.state.error.message}</p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </button>
        <details>
          <summary>{t('error.details')}</summary>
          <pre>{this.state.stack}</pre>
        </details>
      </div>
    );
  }
}
