/**
 * The apps the simulator hosts: one per chat mode, plus the keys that exercise the 403 paths and a
 * workflow app (not a chat app). Everything a client reads from `/info`, `/parameters`, `/meta` and `/site`
 * is defined here.
 */
import type { PyJson } from './pyjson';

export type AppKind = 'chat' | 'agent' | 'chatflow' | 'disabled' | 'deleted' | 'workflow';
export type AppMode = 'chat' | 'agent-chat' | 'advanced-chat' | 'workflow';

/** One `user_input_form` field, in the order Dify's start node stores its keys. */
export interface InputDef {
  type: 'text-input' | 'paragraph' | 'select' | 'number';
  variable: string;
  label: string;
  required: boolean;
  maxLength?: number;
  options?: string[];
  default?: string;
}

export interface SimApp {
  kind: AppKind;
  key: string;
  id: string;
  mode: AppMode;
  name: string;
  description: string;
  /** `false` for the key whose app was deleted (403 "The app no longer exists."). */
  exists: boolean;
  enableApi: boolean;
  openingStatement: string;
  suggestedQuestions: string[];
  suggestedAfterAnswer: boolean;
  retrieverResource: boolean;
  /** Cite sources on every answer (the chatflow has a knowledge-retrieval node), not only when asked. */
  alwaysCite: boolean;
  inputs: InputDef[];
  workflowId: string | null;
  toolIcons: Record<string, PyJson>;
  /** `text_to_speech`: answers read aloud; `autoPlay` streams `tts_message` frames after `message_end`. */
  speech: { enabled: boolean; voice: string; autoPlay: boolean };
  /** `file_upload`: Dify 1.x's block (images and documents), images only (the legacy block), or none. */
  uploads: 'files' | 'images' | 'none';
}

/** Keys look like real Dify app keys (`app-` + 24 characters) and name their app, so logs stay readable. */
export const APP_KEYS: Record<AppKind, string> = {
  chat: 'app-simChat7rT2kLq9Xw3mNpB',
  agent: 'app-simAgent4vB8nQz1Jc6Ld',
  chatflow: 'app-simFlow9hK3sWd5Pe2YgQ',
  disabled: 'app-simDisabled5Gk8Rt2Mq',
  deleted: 'app-simDeleted3Jn6Vb9XcW',
  workflow: 'app-simWorkflow8Lp4Hs1Za',
};

/** A knowledge-base (dataset) key: valid in Dify, but not an `app` token, so the chat routes answer 401. */
export const DATASET_KEY = 'dataset-simKb2Xq7Vn4Rt8Lm1Pz';

const CHAT_OPENING =
  "Hi! I'm the **Dify simulator**. Ask me anything, or try one of these: *markdown*, *long*, *中文*, *citations*, *moderation*.";

function app(kind: AppKind, n: number, partial: Partial<SimApp> & Pick<SimApp, 'mode' | 'name'>): SimApp {
  return {
    kind,
    key: APP_KEYS[kind],
    id: `5d1f0000-0000-4000-8000-00000000000${n}`,
    description: '',
    exists: true,
    enableApi: true,
    openingStatement: '',
    suggestedQuestions: [],
    suggestedAfterAnswer: false,
    retrieverResource: false,
    alwaysCite: false,
    inputs: [],
    workflowId: null,
    toolIcons: {},
    speech: { enabled: false, voice: '', autoPlay: false },
    uploads: 'none',
    ...partial,
  };
}

export function createApps(): SimApp[] {
  return [
    app('chat', 1, {
      mode: 'chat',
      name: 'Sim Chatbot',
      description: 'A chatbot app served by the Dify simulator.',
      openingStatement: CHAT_OPENING,
      suggestedQuestions: ['Show me some markdown', 'Write a long answer', '用中文回答，带表情'],
      suggestedAfterAnswer: true,
      retrieverResource: true,
      inputs: [{ type: 'text-input', variable: 'name', label: 'Your name', required: false, maxLength: 32, default: '' }],
      speech: { enabled: true, voice: 'sim-alloy', autoPlay: false },
      uploads: 'files',
    }),
    app('agent', 2, {
      mode: 'agent-chat',
      name: 'Sim Agent',
      description: 'An agent app with tools (current time, Wikipedia search, image generation).',
      openingStatement: 'I am an agent: I can call tools. Ask me what time it is, or to draw a picture.',
      suggestedQuestions: ['What time is it?', 'Draw an image of a lighthouse'],
      speech: { enabled: true, voice: 'sim-echo', autoPlay: false },
      uploads: 'images',
      toolIcons: {
        current_time: { background: '#252525', content: '🕒' },
        wikipedia_search: 'https://cdn.simulated.dify.invalid/tool-icons/wikipedia.svg',
        dalle3: 'https://cdn.simulated.dify.invalid/tool-icons/dalle.svg',
      },
    }),
    app('chatflow', 3, {
      mode: 'advanced-chat',
      name: 'Sim Chatflow',
      description: 'A chatflow: start, knowledge retrieval, LLM and answer nodes.',
      openingStatement: 'Welcome to the research chatflow. Fill in the topic, then ask a question.',
      suggestedQuestions: ['Summarise the docs', 'Iterate over the key points'],
      suggestedAfterAnswer: true,
      retrieverResource: true,
      alwaysCite: true,
      speech: { enabled: true, voice: '', autoPlay: false },
      uploads: 'files',
      workflowId: '5d1fa000-0000-4000-8000-0000000000f3',
      inputs: [
        { type: 'text-input', variable: 'topic', label: 'Topic', required: true, maxLength: 48 },
        { type: 'paragraph', variable: 'background', label: 'Background', required: false },
        { type: 'select', variable: 'tone', label: 'Tone', required: false, options: ['Friendly', 'Formal', 'Playful'], default: 'Friendly' },
        { type: 'number', variable: 'max_items', label: 'Max items', required: false, default: '3' },
      ],
    }),
    app('disabled', 4, { mode: 'chat', name: 'Sim Disabled', enableApi: false }),
    app('deleted', 5, { mode: 'chat', name: 'Sim Deleted', exists: false }),
    app('workflow', 6, { mode: 'workflow', name: 'Sim Workflow', description: 'A workflow app (not a chat app).' }),
  ];
}

export const CHAT_MODES: ReadonlySet<AppMode> = new Set(['chat', 'agent-chat', 'advanced-chat']);
