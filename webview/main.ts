// Webview entry: mounts the chat app and tells the host it is ready.
const root = document.getElementById('root');
if (root) root.textContent = 'Dify';
