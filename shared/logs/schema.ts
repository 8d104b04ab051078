import { z } from 'zod';

// The log file in the data folder's logs/ (electron/logging/): what went wrong, where, and when. Every line
// is written by our own code as a stable event code and a short message; an error adds its name, message
// and stack. It never holds record content, passphrases or keys, and it is sent nowhere: Settings → Logs
// shows it, and the officer decides whether to pass it on.

export const LOG_LEVELS = ['info', 'warn', 'error'] as const;
export const LogLevel = z.enum(LOG_LEVELS);
export type LogLevel = z.output<typeof LogLevel>;

/** Which part of the app wrote the line. */
export const LOG_SOURCES = ['backend', 'shell', 'renderer'] as const;
export const LogSource = z.enum(LOG_SOURCES);
export type LogSource = z.output<typeof LogSource>;

/** A stable event code, such as `backup.automatic_failed` or `renderer.page_failed`. */
export const LOG_CODE_PATTERN = /^[a-z0-9_.-]{1,64}$/;
export const LogCode = z.string().regex(LOG_CODE_PATTERN);

/** Longest message the renderer may send (its error boundary sends the error's name and message). */
export const LOG_MESSAGE_MAX = 500;
/** Lines `logs.read` answers with when the caller does not say. */
export const LOG_LINES_DEFAULT = 200;
export const LOG_LINES_MAX = 1000;

export const ReadLogsInput = z
  .strictObject({ maxLines: z.number().int().min(1).max(LOG_LINES_MAX).optional() })
  .optional();
export type ReadLogsInput = z.input<typeof ReadLogsInput>;

export const LogLine = z.strictObject({
  /** ISO 8601 time (UTC) the line was written. */
  at: z.string(),
  level: LogLevel,
  source: LogSource,
  code: z.string(),
  message: z.string(),
  /** The error's name and message, when the line is about one (its stack stays in the file). */
  error: z.string().optional(),
});
export type LogLine = z.output<typeof LogLine>;

export const LogsOutput = z.strictObject({
  /** The folder that holds the log files. */
  folder: z.string(),
  /** The most recent lines, oldest first (as in the file). */
  lines: z.array(LogLine),
});
export type LogsOutput = z.output<typeof LogsOutput>;

/** What the renderer writes (its error boundary): a code, a short message and the page; never content. */
export const WriteLogInput = z.strictObject({
  code: LogCode,
  message: z.string().max(LOG_MESSAGE_MAX),
  page: z.string().regex(LOG_CODE_PATTERN).optional(),
});
export type WriteLogInput = z.input<typeof WriteLogInput>;

export const WriteLogOutput = z.strictObject({
  /** False if the line could not be written (the disk refused it); the app carries on either way. */
  written: z.boolean(),
});
export type WriteLogOutput = z.output<typeof WriteLogOutput>;
