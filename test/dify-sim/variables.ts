/**
 * A chatflow's conversation variables (`GET /conversations/:id/variables`): every chatflow conversation starts
 * with `topic`, `turns` and `preferences`; seeding can add more so paging can be exercised. Only chatflows
 * have them (Dify's other chat modes answer an empty list).
 */
import { randomUUID } from 'node:crypto';
import type { PyJson } from './pyjson';
import type { Conversation } from './store';

/** The variables a new chatflow conversation starts with, created in this order from `now` (µs). */
export function initialVariables(c: Conversation, inputs: Record<string, PyJson>, now: number): void {
  c.variables.push(
    { id: randomUUID(), name: 'topic', valueType: 'string', value: (inputs['topic'] as string | null) ?? '', description: 'What this conversation is about', createdUs: now, updatedUs: now },
    { id: randomUUID(), name: 'turns', valueType: 'number', value: 0, description: 'Turns so far', createdUs: now + 1, updatedUs: now + 1 },
    { id: randomUUID(), name: 'preferences', valueType: 'object', value: { tone: (inputs['tone'] as string | null) ?? 'Friendly', emoji: true }, description: '', createdUs: now + 2, updatedUs: now + 2 },
  );
}

/** Adds `count` string variables (`note_1`, `note_2`, …) after the existing ones. Returns their ids. */
export function addVariables(c: Conversation, count: number, now: number): string[] {
  const ids: string[] = [];
  const after = Math.max(now, ...c.variables.map((v) => v.createdUs + 1));
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    c.variables.push({ id, name: `note_${i + 1}`, valueType: 'string', value: `Note ${i + 1}`, description: '', createdUs: after + i, updatedUs: after + i });
    ids.push(id);
  }
  return ids;
}
