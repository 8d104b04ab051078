// What of a message or an error may go into the log file. The log's API takes an event code and a short
// message from our own code; the only text from elsewhere is an error's message (Node, SQLite, zod, a
// page's render error). Such messages can quote what they choke on (`"Quillfeather"... is not valid JSON`)
// or name a file, so every message is reduced here: one line, quoted text and absolute paths replaced,
// long runs of hex or base64 (a key's shape) replaced, and a length cap. A thrown value that is not an
// Error is never written, only its type.

/** Longest message written (after reduction). */
export const MESSAGE_MAX = 500;
/** Stack frames written per error, and how far a chain of causes is followed. */
export const STACK_FRAMES_MAX = 20;
export const CAUSES_MAX = 3;

// Quoted text, from the first quote to the last (not pair by pair: a snippet of the input can itself hold
// quotes, as in Node's `..."2290", "notes": Inform"... is not valid JSON`), and an unclosed quote to the end.
// A single quote counts only with a closing one and not inside a word, so that "post's" is left alone.
const QUOTED: readonly [RegExp, string][] = [
  [/"[^\n]*"|"[^\n]*$/g, '"…"'],
  [/`[^\n]*`|`[^\n]*$/g, '`…`'],
  [/“[^\n]*”|“[^\n]*$/g, '“…”'],
  [/‘[^\n]*’|‘[^\n]*$/g, '‘…’'],
  [/«[^\n]*»|«[^\n]*$/g, '«…»'],
  [/(?<![\p{L}\p{N}])'[^\n]*'(?![\p{L}\p{N}])/gu, "'…'"],
];
// An absolute path: /a/b, ~/a, C:\a, \\server\share, or a file: URL, up to the next space or delimiter.
const PATH = /(^|[\s(=:,[])(?:file:\/\/\S*|~?\/[^\s,;)\]]*|[A-Za-z]:\\[^\s,;)\]]*|\\\\[^\s,;)\]]+)/g;
const HEX_RUN = /\b[0-9a-fA-F]{24,}\b/g;
const BASE64_RUN = /[A-Za-z0-9+/_-]{32,}={0,2}/g;
// C0 and C1 control characters (newlines included): a line of the log is one line.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A message reduced to what may be logged (see above). */
export function reduceMessage(text: string, max = MESSAGE_MAX): string {
  const unquoted = QUOTED.reduce(
    (t, [pattern, replacement]) => t.replace(pattern, replacement),
    text.replace(CONTROL, ' '),
  );
  const reduced = unquoted
    .replace(PATH, (_m, before: string) => `${before}[path]`)
    .replace(HEX_RUN, '[hex]')
    .replace(BASE64_RUN, '[data]')
    .replace(/\s+/g, ' ')
    .trim();
  return reduced.length > max ? `${reduced.slice(0, max - 1)}…` : reduced;
}

/** An identifier-like name (Error, TypeError, SqliteError, AbortError), or a neutral stand-in. */
function errorName(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z_$][\w$.]{0,63}$/.test(value) ? value : 'Error';
}

export interface DescribedError {
  /** `Name: message`, reduced. */
  readonly summary: string;
  /** Stack frames (`at …` lines: code locations only) and `Caused by:` lines of the cause chain. */
  readonly details: readonly string[];
}

/** What is written for an error: its name, reduced message and stack frames, and those of its causes. */
export function describeError(error: unknown): DescribedError {
  const summary = summaryOf(error);
  const details: string[] = [...framesOf(error)];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < CAUSES_MAX; depth += 1) {
    details.push(`Caused by: ${summaryOf(cause)}`, ...framesOf(cause));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return { summary, details };
}

function summaryOf(error: unknown): string {
  if (!(error instanceof Error)) {
    // Not an Error: a string, a record, anything. Its content is never written.
    return `A value of type ${error === null ? 'null' : typeof error} was thrown (not written)`;
  }
  const code = (error as { code?: unknown }).code;
  const codeText = typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? ` [${code}]` : '';
  const raw: unknown = error.message; // a string by its type, but anything can be assigned to it
  const message = reduceMessage(typeof raw === 'string' ? raw : '');
  return `${errorName(error.name)}${codeText}: ${message}`;
}

/** The `at …` lines of a V8 stack: function names and code locations, nothing of the message. */
function framesOf(error: unknown): string[] {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return [];
  return error.stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, STACK_FRAMES_MAX)
    .map((line) => line.replace(CONTROL, ' ').slice(0, 300));
}
