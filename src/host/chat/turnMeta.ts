import type { Words } from '../messages/words';
import type { ClientProvider } from '../clientProvider';
import type { ChatLog } from './chatLog';
import type { ChatSession } from '../../chat/session';
import { DifyError, isDifyError } from '../../dify/errors';
import type { Rating } from '../../shared/chatState';

export interface TurnMetaOptions {
  clients: ClientProvider;
  session: ChatSession;
  log: ChatLog;
  /** How errors are worded (the host's messages table, in the display language). */
  words: Words;
  signal: () => AbortSignal;
  /** Tells the user, in the panel, why a rating did not go through. */
  notifyError: (message: string) => void;
}

/** How many follow-up questions the panel offers at most. */
const MAX_SUGGESTIONS = 5;

/** What a turn gets besides its answer: the user's rating (sent to Dify) and Dify's follow-up questions. */
export class TurnMeta {
  constructor(private readonly options: TurnMetaOptions) {}

  /** Rates an answer (null revokes). Optimistic: the button reflects the click at once and goes back if Dify refuses. */
  async rate(turnId: string, rating: Rating | null): Promise<void> {
    const { session, clients } = this.options;
    const turn = session.findTurn(turnId);
    const messageId = turn?.answer.messageId;
    if (!turn || messageId === undefined || turn.feedback === rating) return;
    const previous = turn.feedback;
    session.setFeedback(turnId, rating);
    try {
      const client = await clients.getClient();
      if (!client) throw new DifyError({ kind: 'auth', problem: { id: 'apiKey.neededToRate' } });
      await client.feedback(messageId, rating, undefined, this.options.signal());
    } catch (e) {
      session.setFeedback(turnId, previous);
      this.options.notifyError(this.options.words.errorText(e, this.options.words.t('The rating could not be sent.')));
    }
  }

  /** Fetches the follow-up questions for a finished answer and offers them on its turn. */
  async loadSuggestions(turnId: string, messageId: string): Promise<void> {
    try {
      const client = await this.options.clients.getClient({ interactive: false });
      if (!client) return;
      const suggestions = await client.suggested(messageId, this.options.signal());
      this.options.session.setSuggestions(turnId, suggestions.filter((s) => s.trim() !== '').slice(0, MAX_SUGGESTIONS));
    } catch (e) {
      // Follow-ups are a nicety: a disabled feature or a failed model call just means none are shown.
      this.options.log.debug(`chat: suggestions unavailable (${isDifyError(e) ? e.kind : 'error'})`);
    }
  }
}
