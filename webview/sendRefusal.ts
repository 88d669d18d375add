// Why the panel will not send a question, in one sentence, naming an input by its label as the form shows
// it. The rule itself is the protocol's (sendRefusal), so the panel refuses exactly what the host would.
import type { SendRefusal } from '../src/protocol';

const count = (n: number): string => n.toLocaleString('en-US');

export function refusalText(refusal: SendRefusal, label: (key: string) => string): string {
  switch (refusal.reason) {
    case 'questionTooLong':
      return `The question is too long to send (over ${count(refusal.max)} characters); shorten it and send it again.`;
    case 'tooManyInputs':
      return `The app's form has more than ${count(refusal.max)} inputs, more than a question can carry.`;
    case 'inputTooLong':
      return `${label(refusal.key)} is too long to send (over ${count(refusal.max)} characters); shorten it and send again.`;
    case 'inputNotSendable':
      return `${label(refusal.key)} cannot be sent: its variable name in the app is not one a question can carry.`;
  }
}
