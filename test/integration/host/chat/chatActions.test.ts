// The panel's link action on the host: whatever the webview sends, the host opens only what its own check
// makes of the link (http(s) with a host; mailto with its subject and body only), and refuses the rest.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { editorActionHandlers } from '../../../../src/host/chat/chatActions';

function recordingActions() {
  const opened: vscode.Uri[] = [];
  const notices: Array<[string, string]> = [];
  const handlers = editorActionHandlers(
    (level, message) => notices.push([level, message]),
    (uri) => {
      opened.push(uri);
      return Promise.resolve(true);
    },
  );
  return { opened, notices, openLink: (href: string) => handlers.openLink({ type: 'openLink', href }) };
}

describe('Chat actions: opening a link', function () {
  it('a mailto opens with its address, subject and body only: cc, bcc, to and attach are dropped', async function () {
    const { opened, notices, openLink } = recordingActions();
    await openLink('mailto:team@dify.example?cc=spy@evil.example&subject=Hi%20there&bcc=x@evil.example&attach=/etc/passwd&body=B&to=y@evil.example');
    assert.equal(opened.length, 1);
    const uri = opened[0]!;
    assert.equal(uri.scheme, 'mailto');
    assert.equal(uri.path, 'team@dify.example');
    assert.equal(uri.query, 'subject=Hi there&body=B');
    assert.deepEqual(notices, []);
  });

  it('http(s) opens as parsed (normalized)', async function () {
    const { opened, openLink } = recordingActions();
    await openLink('HTTPS://Dify.AI/docs?a=1#b');
    assert.deepEqual(opened.map((u) => [u.scheme, u.authority, u.path, u.query, u.fragment]), [['https', 'dify.ai', '/docs', 'a=1', 'b']]);
  });

  it('anything else is refused with a sentence and never opened, even if it reaches the handler', async function () {
    const { opened, notices, openLink } = recordingActions();
    const refused = ['javascript:alert(1)', 'command:workbench.action.quit', 'file:///etc/passwd', 'vscode://x', 'mailto:a@b.example%3Fcc=spy@evil.example', 'http://', '/files/a.png'];
    for (const href of refused) await openLink(href);
    assert.equal(opened.length, 0, opened.map(String).join(', '));
    assert.deepEqual(notices, refused.map(() => ['error', 'Only http, https and mailto links can be opened.']));
  });
});
