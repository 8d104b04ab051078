import fs from 'node:fs';
import path from 'node:path';
import {
  LOG_CODE_PATTERN,
  LOG_LEVELS,
  LOG_SOURCES,
  type LogLevel,
  type LogLine,
  type LogSource,
} from '../../shared/logs/schema';
import { describeError, reduceMessage } from './describe';

// The rotating log file in the data folder: <dataDir>/logs/liaison-log.log, moved to liaison-log.log.1 (and
// .2 … .5, the oldest dropped) when the next line would take it past 1 MB. One event per line:
//
//   2026-07-01T08:15:02.114Z ERROR backend backup.automatic_failed The automatic backup failed
//       Error [ENOSPC]: ENOSPC: no space left on device, write
//       at writeSync (node:fs:…)
//
// The API takes a level, a source, a stable event code and a short message from our own code, and
// optionally an error (its name, message and stack: see describe.ts for what of it is written). There is no
// way to pass record content, and messages are reduced all the same. The folder is 0700 and the files 0600
// on POSIX. Writing never throws: a log that cannot be written must not take the app down with it.

export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'liaison-log.log';
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_KEEP = 5;
/** What `read` takes from the end of the files when the caller does not say. */
export const LOG_READ_BYTES = 256 * 1024;

export interface LoggerOptions {
  readonly dataDir: string;
  readonly now?: () => Date;
  /** Size at which the file is rotated (default 1 MB). */
  readonly maxBytes?: number;
  /** Rotated files kept besides the current one (default 5). */
  readonly keep?: number;
}

export interface Logger {
  /** The folder that holds the log files. */
  readonly folder: string;
  /** Writes one event. Returns false (and never throws) if it could not be written. */
  write(level: LogLevel, source: LogSource, code: string, message: string, error?: unknown): boolean;
  /** The most recent events, oldest first, from at most `maxBytes` at the end of the files. */
  read(maxBytes?: number): { folder: string; lines: LogLine[] };
}

const LEVEL_TEXT: Record<LogLevel, string> = { info: 'INFO ', warn: 'WARN ', error: 'ERROR' };
const HEADER = new RegExp(
  `^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z) (${LOG_LEVELS.map((l) => l.toUpperCase()).join('|')}) +` +
    `(${LOG_SOURCES.join('|')}) (\\S+) ?(.*)$`,
);
const DETAIL_INDENT = '    ';

export function createLogger(options: LoggerOptions): Logger {
  const folder = path.join(options.dataDir, LOG_FOLDER);
  const file = path.join(folder, LOG_FILE);
  const now = options.now ?? (() => new Date());
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const keep = options.keep ?? LOG_KEEP;
  const posix = process.platform !== 'win32';
  let complained = false;
  let folderChecked = false;

  const rotated = (n: number) => `${file}.${n}`;

  function ensureFolder(): void {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (posix) fs.chmodSync(folder, 0o700);
  }

  function rotate(): void {
    fs.rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n -= 1) {
      if (fs.existsSync(rotated(n))) fs.renameSync(rotated(n), rotated(n + 1));
    }
    fs.renameSync(file, rotated(1));
  }

  function append(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    let size = 0;
    try {
      // Each logger (each start of the app) checks the folder once; after that, when the file is missing.
      if (!folderChecked) ensureFolder();
      folderChecked = true;
      size = fs.statSync(file).size;
    } catch {
      ensureFolder();
    }
    if (size > 0 && size + bytes.length > maxBytes) rotate();
    const fd = fs.openSync(file, 'a', 0o600);
    try {
      if (posix) fs.fchmodSync(fd, 0o600);
      fs.writeSync(fd, bytes);
    } finally {
      fs.closeSync(fd);
    }
  }

  return {
    folder,
    write(level, source, code, message, error) {
      try {
        const lines = [
          [
            now().toISOString(),
            (LEVEL_TEXT as Partial<Record<string, string>>)[level] ?? LEVEL_TEXT.error,
            LOG_SOURCES.includes(source) ? source : 'backend',
            LOG_CODE_PATTERN.test(code) ? code : 'invalid_code',
            reduceMessage(message),
          ].join(' '),
        ];
        if (error !== undefined) {
          const described = describeError(error);
          lines.push(DETAIL_INDENT + described.summary, ...described.details.map((d) => DETAIL_INDENT + d));
        }
        append(`${lines.join('\n')}\n`);
        return true;
      } catch (failure) {
        if (!complained) {
          complained = true;
          const reason = (failure as { code?: unknown }).code;
          console.error(`Liaison Log could not write its log file (${typeof reason === 'string' ? reason : 'error'}).`);
        }
        return false;
      }
    },
    read(budget = LOG_READ_BYTES) {
      const chunks: string[] = [];
      let left = budget;
      for (let n = 0; n <= keep && left > 0; n += 1) {
        const name = n === 0 ? file : rotated(n);
        let text: string;
        try {
          text = tail(name, left);
        } catch {
          continue;
        }
        left -= Buffer.byteLength(text);
        chunks.unshift(text);
      }
      return { folder, lines: parse(chunks.join('')) };
    },
  };
}

/** The last `max` bytes of a file, from the first whole line on. */
function tail(file: string, max: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, max);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    if (length === size) return text;
    const start = text.indexOf('\n');
    return start < 0 ? '' : text.slice(start + 1);
  } finally {
    fs.closeSync(fd);
  }
}

/** Events from the text of the files: a header line, then its indented detail lines. */
export function parse(text: string): LogLine[] {
  const lines: LogLine[] = [];
  let current: LogLine | undefined;
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      const [, at = '', level = '', source = '', code = '', message = ''] = header;
      current = {
        at,
        level: level.toLowerCase() as LogLevel,
        source: source as LogSource,
        code,
        message,
      };
      lines.push(current);
    } else if (current && line.startsWith(DETAIL_INDENT) && current.error === undefined) {
      // The first detail line is the error's summary; the stack stays in the file.
      current.error = line.trim();
    }
  }
  return lines;
}
