// Webview entry: registers the toolkit components, mounts the chat app and tells the host it is ready.
// The host answers `ready` with the full state; it does so again every time this page is (re)loaded,
// which is how a panel that was hidden or moved mid-answer catches up (retainContextWhenHidden is off).
import './styles.css';
import { App } from './app';
import { registerToolkit } from './toolkit';
import { createBridge } from './vscodeApi';

registerToolkit();
const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
root.id = 'root';
const bridge = createBridge();
const app = new App(root, bridge);
bridge.onMessage((msg) => app.handle(msg));
bridge.post({ type: 'ready' });
