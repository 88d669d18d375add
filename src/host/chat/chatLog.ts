/** Where the chat panel's host side writes what is worth a log line (the Dify output channel). */
export interface ChatLog {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}
