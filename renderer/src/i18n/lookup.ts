import i18next from 'i18next';
import { RECORD_KINDS, type RecordKind } from '../../../shared/records/kinds';
import { en } from './en';
import type { NamespaceName } from './namespaces';

/**
 * Narrows a plain string (a code that arrived as data) to one of the keys of a catalogue group, so that
 * `t(`error.${code}`)` after the check is a typed key. The caller decides what to show when it is not one.
 */
export function isKeyOf<T extends object>(group: T, key: string): key is TextKey<T> {
  return (
    Object.prototype.hasOwnProperty.call(group, key) && typeof (group as Record<string, unknown>)[key] === 'string'
  );
}

/** The keys of a catalogue group that hold a text (not a nested group). */
export type TextKey<T> = Extract<{ [K in keyof T]: T[K] extends string ? K : never }[keyof T], string>;

export type ErrorCode = keyof typeof en.error;

export function isErrorCode(code: string): code is ErrorCode {
  return isKeyOf(en.error, code);
}

export interface ProblemLike {
  code: string;
  params?: Record<string, unknown> | undefined;
  message?: string | undefined;
}

/**
 * A validation or backend problem in the window's language: the text of its code in `common:error`, else the
 * explicit fallback (by default the problem's own message).
 */
export function problemText(problem: ProblemLike, fallback: string = problem.message ?? ''): string {
  return isErrorCode(problem.code) ? i18next.t(`error.${problem.code}`, { ...problem.params }) : fallback;
}

// The one place a key is looked up by a string only known at run time (a stored field name or value in a record's
// history): it is checked to exist first, and the caller always gives the text to show when it does not.
const untypedT = i18next.t.bind(i18next) as unknown as (key: string, options: object) => string;

/** The catalogue's text for `key` in `ns` (or `common`), or `fallback` when there is no such key. */
export function dataLabel(ns: NamespaceName, key: string, fallback: string, params?: object): string {
  return i18next.exists(key, { ns }) ? untypedT(key, { ...params, ns }) : fallback;
}

/** Whether a plain string names a record kind, so `t(`kinds.${kind}`, { count })` is a typed key. */
export function isRecordKind(kind: string): kind is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(kind);
}
