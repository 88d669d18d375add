// The naive panel's host side: a webview view that streams an answer from the simulator with a plain fetch and
// a line parser, posting one message per delta (no coalescing). The simulator's address and key come from the
// environment the bench gives the extension host (DIFY_SIM_BASE_URL, DIFY_SIM_KEYS).
// An extension of its own (like test/fixtures/key-probe), not the core: it talks to VS Code directly.
// eslint-disable-next-line no-restricted-imports
import * as vscode from 'vscode';

const VIEW = 'naiveBench.view';

class NaiveView implements vscode.WebviewViewProvider {
  constructor(private readonly root: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const { webview } = view;
    webview.options = { enableScripts: true, localResourceRoots: [this.root] };
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.root, 'webview.js'));
    webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${webview.cspSource}; style-src 'unsafe-inline'">
</head><body><div id="answer" class="markdown-body"></div><script src="${script.toString()}"></script></body></html>`;
    webview.onDidReceiveMessage((m: { type?: string; query?: string }) => {
      if (m.type === 'ask' && typeof m.query === 'string') void ask(webview, m.query);
    });
  }
}

async function ask(webview: vscode.Webview, query: string): Promise<void> {
  const baseUrl = process.env['DIFY_SIM_BASE_URL'] ?? '';
  const keys = JSON.parse(process.env['DIFY_SIM_KEYS'] ?? '{}') as Record<string, string>;
  try {
    const res = await fetch(`${baseUrl}/chat-messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${keys['chat'] ?? ''}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, inputs: {}, response_mode: 'streaming', user: 'naive-bench', conversation_id: '' }),
    });
    if (!res.body) throw new Error(`no body (${res.status})`);
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('data: ')) continue;
        const frame = JSON.parse(line.slice(6)) as { event?: string; answer?: string };
        if (frame.event === 'message' && typeof frame.answer === 'string') void webview.postMessage({ type: 'delta', text: frame.answer });
        else if (frame.event === 'message_end') void webview.postMessage({ type: 'end' });
      }
    }
  } catch (e) {
    void webview.postMessage({ type: 'error', message: String(e) });
  }
}

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(VIEW, new NaiveView(context.extensionUri)),
    vscode.commands.registerCommand('naiveBench.open', () => vscode.commands.executeCommand(`${VIEW}.focus`)),
  );
}

export function deactivate(): void {}
