/** What the page is doing: the status line's state, set by the session and the Hub load. */
export type AppState = 'idle' | 'loading' | 'running' | 'ready' | 'error';
