// The browser entry point (bundled by scripts/bundle-web.mjs into dist/web/app.js).
import { render } from 'preact';
import { App } from './app.js';

render(<App />, document.getElementById('app')!);
