import { lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ready } from './i18n';
import './styles.css';
import './theme.css';
import './responsive.css';

const isDemo = new URLSearchParams(location.search).get('model') === 'mhsa';
// the seed article's attention demo (?model=mhsa) is a page of its own: its code loads only there
const DemoApp = lazy(async () => ({ default: (await import('./DemoApp')).DemoApp }));
// in English at once; in Chinese once its catalogue (a chunk of its own) has arrived
void ready.finally(() =>
  createRoot(document.getElementById('root')!).render(
    isDemo ? (
      <Suspense fallback={null}>
        <DemoApp />
      </Suspense>
    ) : (
      <App />
    ),
  ),
);
