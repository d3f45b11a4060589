import { createRoot } from 'react-dom/client';
import { App } from './App';
import { DemoApp } from './DemoApp';
import './styles.css';
import './theme.css';
import './responsive.css';

const isDemo = new URLSearchParams(location.search).get('model') === 'mhsa';
createRoot(document.getElementById('root')!).render(isDemo ? <DemoApp /> : <App />);
