// Everything the panel does with files and speech, apart from drawing a turn: the attachment chips above the
// message box, paste and drop into the composer, the host's answers about a turn's images, and the one audio
// player (Read Aloud, and the speech an auto-playing app streams with its answers).
import type { HostMessageOf, WebviewMessage } from '../src/protocol';
import type { AttachmentView, ChatState } from '../src/shared/chatState';
import { AUDIO_DATA_URL } from '../src/shared/fileRules';
import { AttachInput, INPUT_WORDS } from './attachInput';
import { AudioPlayer } from './audioPlayer';
import type { AnswerHandlers } from './components/answer';
import { AttachmentsView } from './components/attachments';
import type { TurnView } from './components/turn';

export type FileMessage = HostMessageOf<'attachments' | 'fileData' | 'audio' | 'audioChunk'>;

export interface PanelFilesDeps {
  post(message: WebviewMessage): void;
  state(): ChatState | undefined;
  view(turnId: string): TurnView | undefined;
  notice(message: string): void;
}

export class PanelFiles {
  readonly attachments: AttachmentsView;
  readonly input: AttachInput;
  private readonly player: AudioPlayer;
  private speaking: string | undefined;

  constructor(private readonly deps: PanelFilesDeps) {
    this.attachments = new AttachmentsView({
      remove: (id) => deps.post({ type: 'removeAttachment', id }),
      retry: (id) => deps.post({ type: 'retryAttachment', id }),
    });
    this.input = new AttachInput({ rules: () => deps.state()?.app?.uploads, post: deps.post, refuse: deps.notice });
    this.player = new AudioPlayer((turnId) => {
      const before = this.speaking;
      this.speaking = turnId;
      if (before !== undefined) deps.view(before)?.answer.speech.playing(false);
      if (turnId !== undefined) deps.view(turnId)?.answer.speech.playing(true);
    });
  }

  /** Drop anywhere on the panel attaches (when the app takes files). */
  wireDrop(root: HTMLElement): void {
    root.addEventListener('dragover', (e) => {
      if (!this.deps.state()?.app?.uploads?.enabled || !e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      root.dataset['dropping'] = 'true';
    });
    root.addEventListener('dragleave', (e) => {
      if (e.target === root) delete root.dataset['dropping'];
    });
    root.addEventListener('drop', (e) => {
      delete root.dataset['dropping'];
      if (this.deps.state()?.app?.uploads?.enabled) this.input.drop(e);
    });
  }

  /** The hint on the Attach button. */
  get hint(): string {
    return INPUT_WORDS.dropHint;
  }

  setAttachments(attachments: readonly AttachmentView[]): void {
    this.attachments.set(attachments);
  }

  handle(msg: FileMessage): void {
    switch (msg.type) {
      case 'attachments': {
        const s = this.deps.state();
        if (s) s.attachments = msg.attachments;
        this.attachments.set(msg.attachments);
        return;
      }
      case 'fileData':
        this.deps.view(msg.turnId)?.setFileData(msg.fileId, msg.dataUrl, msg.error);
        return;
      case 'audio': {
        const view = this.deps.view(msg.turnId)?.answer.speech;
        if (msg.dataUrl !== undefined && AUDIO_DATA_URL.test(msg.dataUrl)) this.player.play(msg.turnId, msg.dataUrl);
        else view?.failed(msg.error ?? '');
        return;
      }
      case 'audioChunk':
        this.player.chunk(msg.turnId, msg.audio, msg.last);
        return;
    }
  }

  /** Stop: the answer's speech ends with it. */
  stopAudio(): void {
    this.player.stop();
  }

  /** What a turn's views do with its files and speech. */
  turnHandlers(turnId: string): Pick<AnswerHandlers, 'loadFile' | 'saveFile' | 'speechEnabled' | 'readAloud' | 'stopAudio'> {
    return {
      loadFile: (fileId) => this.deps.post({ type: 'loadFile', turnId, fileId }),
      saveFile: (fileId) => this.deps.post({ type: 'saveFile', turnId, fileId }),
      speechEnabled: () => this.deps.state()?.app?.speech?.enabled === true,
      readAloud: () => this.deps.post({ type: 'readAloud', turnId }),
      stopAudio: () => this.player.stop(),
    };
  }
}
