import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { initI18n, initialLanguage } from './i18n.ts';
import './styles.css';

// Intl data and the catalogue are ready before the first render, so that nothing is ever shown
// in the wrong language or with the wrong number and date conventions.
async function start(): Promise<void> {
  await initI18n(initialLanguage());
  const container = document.getElementById('root');
  if (container === null) throw new Error('index.html has no #root element');
  // A data router, so that a form with unsaved changes can hold back navigation (useBlocker); the
  // application's own routes stay declared in App.
  const router = createBrowserRouter([{ path: '*', element: <App /> }]);
  createRoot(container).render(
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>,
  );
}

void start();
