import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { isMessageCode, type MessageRef } from '../../../shared/contract/messages';
import { RECORD_KINDS, type RecordKind } from '../../../shared/records/kinds';
import { en } from './en';
import { messageKey } from './messages';
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
  /** English, for logs: shown only when neither `reason` nor `code` has a text in the catalogue. */
  message?: string | undefined;
  /** What happened, by stable message code (shared/contract/messages.ts): the backend's errors carry it. */
  reason?: MessageRef | undefined;
}

/** A backend message in the window's language, by its code, with its figures. */
export function messageText(ref: MessageRef): string {
  return i18next.t(messageKey(ref.code), { ns: 'messages', ...ref.params });
}

/**
 * A validation or backend problem in the window's language: its `reason` (a message code) first, else the text of
 * its code in `common:error`, else the explicit fallback (by default the problem's own English message: only for a
 * code the catalogue does not have, which the types rule out for a message code).
 */
export function problemText(problem: ProblemLike, fallback: string = problem.message ?? ''): string {
  // A reason crossed the process boundary: check it is one of ours before looking it up.
  if (problem.reason && isMessageCode(problem.reason.code)) return messageText(problem.reason);
  return isErrorCode(problem.code) ? i18next.t(`error.${problem.code}`, { ...problem.params }) : fallback;
}

/** Turns a problem into the sentence to show; without a problem, nothing. */
export interface ProblemTextFn {
  (problem: ProblemLike, field?: string): string;
  (problem: ProblemLike | undefined, field?: string): string | undefined;
}

/**
 * The one way a screen words a problem (a field's, or a whole call's), in the window's language and following a
 * change of it: the backend's reason when it gives one; else, with a namespace, that feature's wording for the field
 * (`errors.<field>.<code>`) or for the code (`errors.<code>`); else the app's general wording (`problemText`).
 */
export function useProblemText(ns?: NamespaceName): ProblemTextFn {
  useTranslation(ns ?? 'common'); // re-render on a change of language
  const text = (problem: ProblemLike | undefined, field?: string): string | undefined => {
    if (!problem) return undefined;
    const general = problemText(problem);
    if (!ns || (problem.reason && isMessageCode(problem.reason.code))) return general;
    const own = dataLabel(ns, `errors.${problem.code}`, general, problem.params);
    return field ? dataLabel(ns, `errors.${field}.${problem.code}`, own, problem.params) : own;
  };
  return text as ProblemTextFn;
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
