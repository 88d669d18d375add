/** The sentences for typed values that were refused (or accepted with a remark): base URL, key, user id, name. */
import type { ValidationProblem } from '../../dify/problems';
import type { SentenceTable, Translate } from './translate';

/** One sentence per validation problem. */
export const validationSentences: SentenceTable<ValidationProblem> = {
  'baseUrl.empty': (_p, t) => t('Enter the base URL of your Dify API, for example http://localhost/v1.'),
  'baseUrl.spaces': (_p, t) => t('The URL contains spaces; remove them (a URL cannot contain spaces).'),
  'baseUrl.controlChars': (_p, t) => t('The URL contains control characters; type it again.'),
  'baseUrl.noScheme': (p, t) => t('Start the URL with http:// or https://, for example {0}.', p.fixed),
  'baseUrl.badScheme': (p, t) => t('Only http:// and https:// URLs can reach Dify; "{0}:" is not supported.', p.scheme),
  'baseUrl.unparsable': (_p, t) => t('That is not a valid URL; it should look like http://localhost/v1.'),
  'baseUrl.noHost': (_p, t) => t('The URL has no host name; it should look like http://localhost/v1.'),
  'baseUrl.credentials': (_p, t) => t('Remove the user name and password from the URL; the API key is the only credential Dify needs.'),
  'baseUrl.query': (_p, t) => t('Remove the query string (the part from "?") from the URL; the base URL is only the address of the API.'),
  'baseUrl.fragment': (_p, t) => t('Remove the "#..." part from the URL; the base URL is only the address of the API.'),
  'baseUrl.doubleV1': (p, t) => t('The URL ends in /v1/v1; use {0}.', p.fixed),
  'baseUrl.endpoint': (p, t) => t('That is an endpoint, not the base URL; use {0} (the extension adds the route).', p.fixed),
  'baseUrl.noV1': (p, t) => t("Dify's API is usually under /v1; did you mean {0}?", p.suggestion),
  'apiKey.empty': (_p, t) => t("Enter the app's API key (it starts with app-)."),
  'apiKey.bearer': (_p, t) => t('Paste the key alone, without the word "Bearer".'),
  'apiKey.spaces': (_p, t) => t('The key contains spaces; copy it again from the app\'s "API Access" page in Dify.'),
  'apiKey.tooLong': (p, t) => t('That is too long to be an API key (over {0} characters); check what was pasted.', p.max),
  'apiKey.badChars': (_p, t) => t('The key contains characters that cannot be sent in an HTTP header; copy it again.'),
  'apiKey.dataset': (_p, t) => t("This is a Knowledge (dataset) API key; chat needs the app's own key, which starts with app-."),
  'apiKey.notAppKey': (_p, t) => t("Dify app keys start with app-; check that you copied the app's API key."),
  'apiKey.trimmed': (_p, t) => t('Spaces around the key will be removed.'),
  'userId.empty': (_p, t) => t("The user id cannot be empty; Dify keeps each user's conversations under it."),
  'userId.controlChars': (_p, t) => t('The user id contains control characters (such as a line break); remove them.'),
  'userId.tooLong': (p, t) => t('The user id is too long (over {0} characters); use a shorter one.', p.max),
  'userId.trimmed': (_p, t) => t('Spaces around the user id will be removed.'),
  'profileName.empty': (_p, t) => t('Give the app a name, e.g. "Code reviewer".'),
  'profileName.controlChars': (_p, t) => t('The name contains control characters; remove them.'),
  'profileName.tooLong': (p, t) => t('The name is too long (over {0} characters); use a shorter one.', p.max),
};

/** The sentence of one validation problem (also used inside other sentences). */
export function validationSentence(problem: ValidationProblem, t: Translate): string {
  return (validationSentences[problem.id] as (p: ValidationProblem, t: Translate) => string)(problem, t);
}
