// A chatflow's steps (title, status, elapsed) in a collapsible section, live while the workflow runs.
import type { WorkflowState, WorkflowStep } from '../../src/shared/answer';
import { h, replaceChildren, setHidden, setText } from '../dom';
import { formatSeconds, STEP_STATUS_GLYPH, STEP_STATUS_LABEL } from './format';
import { t } from '../l10n';

export class WorkflowStepsView {
  readonly el: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLOListElement;
  private rendered: WorkflowState | undefined;

  constructor() {
    this.summary = h('summary', { class: 'section-summary' });
    this.list = h('ol', { class: 'workflow-steps' });
    this.el = h('details', { class: 'section workflow' }, this.summary, this.list);
    this.el.hidden = true;
  }

  update(workflow: WorkflowState | undefined): void {
    if (workflow === this.rendered) return;
    this.rendered = workflow;
    setHidden(this.el, workflow === undefined);
    if (!workflow) return;
    const running = workflow.steps.filter((s) => s.status === 'running');
    const current = running[running.length - 1];
    const parts = [t('Workflow: {0}', STEP_STATUS_LABEL[workflow.status] ?? workflow.status), workflow.steps.length === 1 ? t('1 step') : t('{0} steps', workflow.steps.length)];
    if (workflow.status === 'running' && current) parts.push(current.title);
    if (workflow.elapsedTime !== undefined) parts.push(formatSeconds(workflow.elapsedTime));
    setText(this.summary, parts.join(' · '));
    this.el.dataset['status'] = workflow.status;
    replaceChildren(this.list, ...workflow.steps.map((s) => this.step(s)));
  }

  private step(step: WorkflowStep): HTMLLIElement {
    const label = STEP_STATUS_LABEL[step.status] ?? step.status;
    return h(
      'li',
      { class: `step step-${step.status}${step.parentId ? ' step-nested' : ''}` },
      h('span', { class: 'step-glyph', 'aria-hidden': 'true' }, STEP_STATUS_GLYPH[step.status] ?? '•'),
      h('span', { class: 'step-title' }, step.title),
      h('span', { class: 'visually-hidden' }, `, ${label}`),
      step.elapsedTime !== undefined ? h('span', { class: 'step-elapsed' }, formatSeconds(step.elapsedTime)) : null,
      step.error ? h('div', { class: 'step-error' }, step.error) : null,
    );
  }
}
