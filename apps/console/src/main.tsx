import { render } from 'preact';
import { App } from './app.js';
import './styles.css';

render(<App />, document.getElementById('app')!);

// On paper nothing can be unfolded: print folded sections open.
window.addEventListener('beforeprint', () => document.querySelectorAll('details').forEach((details) => (details.open = true)));
