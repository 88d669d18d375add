// An agent's thoughts and tool calls (tool, input, observation), collapsible.
import type { AgentThought } from '../../src/shared/answer';
import { h, replaceChildren, setHidden, setText } from '../dom';
import { t } from '../l10n';

function pretty(text: string): string {
  // Tool input is usually JSON; indent it when it parses, show it verbatim when it does not.
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export class ThoughtsView {
  readonly el: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private rendered: AgentThought[] | undefined;
  private renderedFinal = false;
  /** Which tool panels the user opened, so live updates do not collapse them. */
  private readonly open = new Set<string>();

  constructor() {
    this.summary = h('summary', { class: 'section-summary' });
    this.list = h('div', { class: 'thoughts' });
    this.el = h('details', { class: 'section agent-thoughts' }, this.summary, this.list);
    this.el.hidden = true;
  }

  /**
   * `answerText` is the answer so far: an agent's thought text is streamed as the answer too
   * (agent_message), so a thought whose text the answer already shows is not repeated here.
   * `final`: the answer is complete (only then is "already shown" certain).
   */
  update(thoughts: AgentThought[], answerText: string, final: boolean): void {
    if (thoughts === this.rendered && final === this.renderedFinal) return;
    this.rendered = thoughts;
    this.renderedFinal = final;
    const shown = (t: AgentThought): boolean => t.thought.trim() !== '' && !answerText.includes(t.thought.trim());
    const meaningful = thoughts.filter((t) => t.tool || t.observation || (final && shown(t)));
    setHidden(this.el, meaningful.length === 0);
    if (!meaningful.length) return;
    const tools = meaningful.filter((t) => t.tool).length;
    setText(this.summary, tools ? `${t('Agent steps')} · ${tools === 1 ? t('1 tool call') : t('{0} tool calls', tools)}` : t('Agent steps'));
    replaceChildren(this.list, ...meaningful.map((t) => this.thought(t, answerText)));
  }

  private thought(th: AgentThought, answerText: string): HTMLElement {
    const item = h('div', { class: 'thought' });
    if (th.thought.trim() && !answerText.includes(th.thought.trim())) item.appendChild(h('p', { class: 'thought-text' }, th.thought));
    if (th.tool) {
      const tools = th.tool.split(';').filter(Boolean);
      const details = h(
        'details',
        { class: 'tool-call', open: this.open.has(th.id) },
        h('summary', {}, t('Used {0}', tools.join(', '))),
        th.toolInput ? h('div', { class: 'tool-label' }, t('Input')) : null,
        th.toolInput ? h('pre', { class: 'tool-io' }, pretty(th.toolInput)) : null,
        th.observation ? h('div', { class: 'tool-label' }, t('Observation')) : null,
        th.observation ? h('pre', { class: 'tool-io' }, pretty(th.observation)) : null,
      );
      details.addEventListener('toggle', () => {
        if (details.open) this.open.add(th.id);
        else this.open.delete(th.id);
      });
      item.appendChild(details);
    }
    return item;
  }
}
