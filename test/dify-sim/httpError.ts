/**
 * An error a route raises, rendered by `envelope.ts` as Dify's JSON envelope
 * `{"code": ..., "message": ..., "status": ...}` (or, for `kind: 'html404'`, Werkzeug's HTML page).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Werkzeug's generic 500 handler builds `{"message", "code", "status"}`: a different key order. */
    readonly messageFirst = false,
  ) {
    super(message);
  }
}

/** Dify's `BaseHTTPException` subclasses and the Werkzeug exceptions the chat routes raise. */
export const errors = {
  unauthorized: (message: string) => new HttpError(401, 'unauthorized', message),
  forbidden: (message: string) => new HttpError(403, 'forbidden', message),
  notFound: (message: string) => new HttpError(404, 'not_found', message),
  badRequest: (message: string) => new HttpError(400, 'bad_request', message),
  invalidParam: (message: string) => new HttpError(400, 'invalid_param', message),
  notChatApp: () => new HttpError(400, 'not_chat_app', 'Please check if your app mode matches the right API route.'),
  unsupportedMediaType: () =>
    new HttpError(
      415,
      'unsupported_media_type',
      "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
    ),
  /** Any unexpected exception in a view (for example `None.get` on a JSON body of `null`). */
  internal: () => new HttpError(500, 'unknown', 'Internal Server Error', {}, true),
};
