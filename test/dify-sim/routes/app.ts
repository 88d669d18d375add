/**
 * GET / (no auth), /info, /parameters, /meta, /site.
 */
import type { SimApp } from '../apps';
import { sendJson } from '../envelope';
import { userInputForm } from '../inputs';
import type { Req } from '../request';

export async function getIndex(req: Req): Promise<void> {
  await sendJson(req.out, 200, { welcome: 'Dify OpenAPI', api_version: 'v1', server_version: req.ctx.serverVersion }, req.difyHeaders);
}

export async function getInfo(req: Req, app: SimApp): Promise<void> {
  await sendJson(
    req.out,
    200,
    { name: app.name, description: app.description, tags: ['simulator'], mode: app.mode, author_name: 'Dify Simulator' },
    req.difyHeaders,
  );
}

const TRANSFER_METHODS = ['remote_url', 'local_file'];

function fileUpload(app: SimApp) {
  if (app.uploads === 'none') {
    // Dify's default when the app configured nothing: images, disabled.
    return { image: { enabled: false, number_limits: 3, detail: 'high', transfer_methods: TRANSFER_METHODS } };
  }
  if (app.uploads === 'images') return { image: { enabled: true, number_limits: 2, detail: 'high', transfer_methods: ['local_file'] } };
  return {
    enabled: true,
    allowed_file_types: ['image', 'document'],
    allowed_file_extensions: ['.png', '.jpg', '.jpeg', '.webp', '.gif', '.pdf', '.md', '.txt'],
    allowed_file_upload_methods: TRANSFER_METHODS,
    number_limits: 3,
    image: { enabled: true, number_limits: 3, detail: 'high', transfer_methods: TRANSFER_METHODS },
  };
}

export async function getParameters(req: Req, app: SimApp): Promise<void> {
  await sendJson(
    req.out,
    200,
    {
      opening_statement: app.openingStatement,
      suggested_questions: app.suggestedQuestions,
      suggested_questions_after_answer: { enabled: app.suggestedAfterAnswer },
      speech_to_text: { enabled: false },
      text_to_speech: { enabled: app.speech.enabled, voice: app.speech.voice, language: app.speech.enabled ? 'en-US' : '', autoPlay: app.speech.autoPlay ? 'enabled' : 'disabled' },
      retriever_resource: { enabled: app.retrieverResource },
      annotation_reply: { enabled: false },
      more_like_this: { enabled: false },
      user_input_form: userInputForm(app),
      sensitive_word_avoidance: { enabled: false, type: '', configs: [] },
      file_upload: fileUpload(app),
      system_parameters: {
        image_file_size_limit: 10,
        video_file_size_limit: 100,
        audio_file_size_limit: 50,
        file_size_limit: 15,
        workflow_file_upload_limit: 10,
      },
    },
    req.difyHeaders,
  );
}

export async function getMeta(req: Req, app: SimApp): Promise<void> {
  await sendJson(req.out, 200, { tool_icons: app.toolIcons }, req.difyHeaders);
}

export async function getSite(req: Req, app: SimApp): Promise<void> {
  await sendJson(
    req.out,
    200,
    {
      title: app.name,
      chat_color_theme: '#1C64F2',
      chat_color_theme_inverted: false,
      icon_type: 'emoji',
      icon: '🤖',
      icon_background: '#FFEAD5',
      icon_url: null,
      description: app.description,
      copyright: 'Dify Simulator',
      privacy_policy: null,
      custom_disclaimer: '',
      default_language: 'en-US',
      show_workflow_steps: app.mode === 'advanced-chat',
      use_icon_as_answer_icon: false,
    },
    req.difyHeaders,
  );
}
