// Renderer entry: mounts the app with the contract client (Electron preload or browser mode).
// The outer error boundary catches what the per-view boundaries cannot (the frame itself, the
// providers); it speaks the browser's language because the settings may be what failed.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getFumidaiClient } from './platform';
import { App } from './App/App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { createTranslator, resolveLocale } from './i18n/i18n';
import './styles/app.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary t={createTranslator(resolveLocale('system', navigator.language))}>
        <App client={getFumidaiClient()} />
      </ErrorBoundary>
    </StrictMode>,
  );
}
