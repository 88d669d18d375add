// Page script for hostile.test.ts (bundled with esbuild, run in Chromium): renders payloads with the real
// renderer into the live document and reports what a DOM inspection finds. Clicks on links are handled the
// way the chat panel does (preventDefault, remember data-href), so a test click never navigates by itself.
import { MarkdownView, renderMarkdown } from '../../webview/render/markdown';
import { findViolations } from '../unit/webview/render/violations';

interface Report {
  name: string;
  mode: string;
  problems: string[];
}

declare global {
  interface Window {
    __pwned?: unknown;
    pwn(): void;
    __clicked: string[];
    __cspViolations: string[];
    renderHostile(payloads: { name: string; md: string }[]): Report[];
    renderOne(md: string): void;
    checkPrefixes(docs: string[]): string[];
  }
}

window.__clicked = [];
window.pwn = () => {
  window.__pwned = 'pwn() was called';
};
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a[data-href]');
  if (a) {
    e.preventDefault();
    window.__clicked.push(a.getAttribute('data-href') ?? '');
  }
});

const root = document.getElementById('root') as HTMLElement;

window.renderHostile = (payloads) => {
  const reports: Report[] = [];
  for (const p of payloads) {
    // One-shot, inserted into the live page the way the panel shows history.
    const once = document.createElement('div');
    once.className = 'markdown-body';
    root.append(once);
    once.innerHTML = renderMarkdown(p.md);
    reports.push({ name: p.name, mode: 'one-shot', problems: findViolations(once) });
    const done = document.createElement('div');
    root.append(done);
    done.innerHTML = renderMarkdown(p.md, { complete: true });
    reports.push({ name: p.name, mode: 'one-shot complete', problems: findViolations(done) });

    // Streamed one character at a time, every intermediate state checked.
    const live = document.createElement('div');
    root.append(live);
    const view = new MarkdownView(live);
    const problems: string[] = [];
    for (let i = 1; i <= p.md.length; i++) {
      view.setText(p.md.slice(0, i));
      view.flush();
      for (const x of findViolations(live)) problems.push(`at ${i}: ${x}`);
    }
    view.finish();
    problems.push(...findViolations(live));
    reports.push({ name: p.name, mode: 'incremental', problems });
  }
  return reports;
};

window.renderOne = (md) => {
  const box = document.createElement('div');
  box.className = 'click-target';
  root.prepend(box);
  const view = new MarkdownView(box);
  view.setText(md);
  view.finish();
};

/** Streams each document one character at a time; returns every prefix where the view and one-shot differ. */
window.checkPrefixes = (docs) => {
  const mismatches: string[] = [];
  const canonical = (html: string): string => {
    const t = document.createElement('template');
    t.innerHTML = html;
    return t.innerHTML;
  };
  for (const doc of docs) {
    const box = document.createElement('div');
    root.append(box);
    const view = new MarkdownView(box);
    for (let i = 0; i <= doc.length; i++) {
      view.setText(doc.slice(0, i));
      view.flush();
      const once = renderMarkdown(doc.slice(0, i));
      if (box.innerHTML !== once && canonical(box.innerHTML) !== canonical(once)) {
        mismatches.push(JSON.stringify(doc.slice(0, i)));
        break;
      }
    }
    view.finish();
    if (box.innerHTML !== renderMarkdown(doc, { complete: true })) mismatches.push(`finish: ${JSON.stringify(doc)}`);
    view.dispose();
    box.remove();
  }
  return mismatches;
};
