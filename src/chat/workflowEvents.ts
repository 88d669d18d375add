/**
 * A chatflow's node, iteration and loop events → the {@link WorkflowStep} they make of the step they concern
 * (pure: the previous step in, the next one out). The {@link AnswerBuilder} of `transcript.ts` keeps the steps.
 */
import type { StepStatus, WorkflowStep } from '../shared/answer';
import type { IterationEvent, NodeFinishedEvent, NodeStartedEvent } from '../dify/events';

const STEP_STATUSES: ReadonlySet<string> = new Set<StepStatus>(['running', 'succeeded', 'failed', 'exception', 'stopped', 'retry', 'partial-succeeded']);

/** A step status from Dify's, or (unknown or absent) failed when there is an error, else succeeded. */
export function stepStatus(wire: string | undefined, error?: string): StepStatus {
  if (wire !== undefined && STEP_STATUSES.has(wire)) return wire as StepStatus;
  return error ? 'failed' : 'succeeded';
}

/** The step a node event makes of `prev` (the step with the same id, if there is one). */
export function nodeStep(prev: WorkflowStep | undefined, ev: NodeStartedEvent | NodeFinishedEvent): WorkflowStep {
  const d = ev.data;
  const step: WorkflowStep = { ...prev, id: d.id, nodeId: d.nodeId, nodeType: d.nodeType, title: d.title, status: 'running' };
  const parentId = d.iterationId ?? d.loopId;
  if (parentId !== undefined) step.parentId = parentId;
  if (ev.event === 'node_started') {
    delete step.error;
    delete step.elapsedTime;
  } else {
    step.status = ev.event === 'node_retry' ? 'retry' : stepStatus(ev.data.status, ev.data.error);
    if (ev.data.elapsedTime !== undefined) step.elapsedTime = ev.data.elapsedTime;
    if (ev.data.error !== undefined) step.error = ev.data.error;
    else delete step.error;
  }
  return step;
}

/** The step an iteration or loop event makes of `prev`. */
export function iterationStep(prev: WorkflowStep | undefined, ev: IterationEvent): WorkflowStep {
  const d = ev.data;
  const step: WorkflowStep = { ...prev, id: d.id, nodeId: d.nodeId, nodeType: d.nodeType || prev?.nodeType || '', title: d.title || prev?.title || '', status: 'running' };
  switch (ev.event) {
    case 'iteration_started':
    case 'loop_started':
      step.index = 0;
      delete step.error;
      delete step.elapsedTime;
      break;
    case 'iteration_next':
    case 'loop_next':
      if (d.index !== undefined) step.index = d.index;
      break;
    case 'iteration_completed':
    case 'loop_completed':
      step.status = stepStatus(d.status, d.error);
      if (d.elapsedTime !== undefined) step.elapsedTime = d.elapsedTime;
      if (d.error !== undefined) step.error = d.error;
      break;
  }
  return step;
}
