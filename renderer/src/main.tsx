// Renderer entry: mounts the app with the contract client (Electron preload or browser mode).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getFumidaiClient } from './platform';
import { App } from './App/App';
import './styles/app.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App client={getFumidaiClient()} />
    </StrictMode>,
  );
}
