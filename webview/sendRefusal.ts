// Why the panel will not send a question, in one sentence, naming an input by its label as the form shows
// it. The rule itself is the protocol's (sendRefusal), so the panel refuses exactly what the host would.
import type { SendRefusal } from '../src/protocol';
import { formatNumber as count, t } from './l10n';

export function refusalText(refusal: SendRefusal, label: (key: string) => string): string {
  switch (refusal.reason) {
    case 'questionTooLong':
      return t('The question is too long to send (over {0} characters); shorten it and send it again.', count(refusal.max));
    case 'tooManyInputs':
      return t("The app's form has more than {0} inputs, more than a question can carry.", count(refusal.max));
    case 'inputTooLong':
      return t('{0} is too long to send (over {1} characters); shorten it and send again.', label(refusal.key), count(refusal.max));
    case 'inputNotSendable':
      return t('{0} cannot be sent: its variable name in the app is not one a question can carry.', label(refusal.key));
  }
}
