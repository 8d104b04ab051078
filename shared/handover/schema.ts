import { z } from 'zod';
import { Fingerprint } from '../exchange/formats';
import { Id, requiredText } from '../validation/primitives';
import { SuccessorFile } from './formats';

// The IPC side of revocation, HQ key retirement and handover (issue 13, items 3 and 6).

/** HQ revokes a post installation's key, or reinstates a revoked one: always with who and why. */
export const KeyDecisionInput = z.strictObject({
  keyId: Fingerprint,
  reason: requiredText(500),
  by: requiredText(100),
});
export type KeyDecisionInput = z.input<typeof KeyDecisionInput>;

export const KEY_ACTIONS = ['revoked', 'reinstated', 'hq_key_retired'] as const;

export const KeyEvent = z.strictObject({
  keyId: z.string(),
  postId: z.string().nullable(),
  action: z.enum(KEY_ACTIONS),
  at: z.string(),
  by: z.string(),
  reason: z.string(),
});
export type KeyEvent = z.output<typeof KeyEvent>;

/** A post key at HQ: in use, replaced by a later key of the same post, or revoked. */
export const KEY_STATES = ['active', 'replaced', 'revoked'] as const;

export const PostKeyDetail = z.strictObject({
  keyId: z.string(),
  officer: z.string(),
  installationId: z.string(),
  enrolledAt: z.string(),
  state: z.enum(KEY_STATES),
  /** The current revocation (who, when, why), or null. */
  revocation: z.strictObject({ at: z.string(), by: z.string(), reason: z.string() }).nullable(),
  bundles: z.number().int(),
  lastSequence: z.number().int().nullable(),
  lastExportAt: z.string().nullable(),
});
export type PostKeyDetail = z.output<typeof PostKeyDetail>;

/** One officer's time at a post, as HQ sees it: from the enrolment of their key to the next officer's. */
export const OfficerPeriod = z.strictObject({
  officer: z.string(),
  keyId: z.string(),
  from: z.string(),
  until: z.string().nullable(),
});
export type OfficerPeriod = z.output<typeof OfficerPeriod>;

export const PostHistory = z.strictObject({
  postId: z.string(),
  postName: z.string(),
  keys: z.array(PostKeyDetail),
  officers: z.array(OfficerPeriod),
  events: z.array(KeyEvent),
});
export type PostHistory = z.output<typeof PostHistory>;

export const RetireHqKeyInput = z.strictObject({ fingerprint: Fingerprint, by: requiredText(100).optional() });

/** Before HQ retires one of its keys: the posts whose latest bundle was sealed to that key only. */
export const RetireHqPreview = z.strictObject({
  fingerprint: z.string(),
  label: z.string(),
  /** HQ keys that stay in use after this one is retired. */
  remaining: z.number().int(),
  sealedOnlyToIt: z.array(z.strictObject({ postId: z.string(), postName: z.string(), lastExportAt: z.string() })),
  /** Posts whose latest bundle was imported before HQ recorded recipients: not known either way. */
  unknown: z.array(z.strictObject({ postId: z.string(), postName: z.string(), lastExportAt: z.string() })),
});
export type RetireHqPreview = z.output<typeof RetireHqPreview>;

/** A successor's enrolment file read by the outgoing officer, to compare fingerprints by phone. */
export const SuccessorCandidate = z.strictObject({ token: Id, file: SuccessorFile });
export type SuccessorCandidate = z.output<typeof SuccessorCandidate>;

/** What the package holds: by default everything still open; `closedHistory` adds what is closed. */
export const CreateHandoverInput = z.strictObject({ token: Id, closedHistory: z.boolean().default(false) });

export const HandoverEntry = z.strictObject({
  handoverId: z.string(),
  direction: z.enum(['sent', 'received']),
  postId: z.string(),
  outgoingKeyId: z.string(),
  outgoingOfficer: z.string(),
  successorKeyId: z.string(),
  successorOfficer: z.string(),
  lastSequence: z.number().int(),
  closedHistory: z.boolean(),
  counts: z.record(z.string(), z.number().int()),
  at: z.string(),
});
export type HandoverEntry = z.output<typeof HandoverEntry>;

export const HandoverMade = HandoverEntry.extend({ savedTo: z.string(), bytes: z.number().int() });
export type HandoverMade = z.output<typeof HandoverMade>;

/** A package opened and its signature verified, waiting for the fingerprint check before anything is written. */
export const HandoverCandidate = z.strictObject({
  token: Id,
  handoverId: z.string(),
  postId: z.string(),
  postName: z.string(),
  outgoingOfficer: z.string(),
  outgoingKeyId: z.string(),
  createdAt: z.string(),
  closedHistory: z.boolean(),
  counts: z.record(z.string(), z.number().int()),
  lastSequence: z.number().int(),
});
export type HandoverCandidate = z.output<typeof HandoverCandidate>;

/** The successor confirms with the outgoing key's fingerprint, as the outgoing officer read it out. */
export const ImportHandoverInput = z.strictObject({ token: Id, outgoingKeyId: Fingerprint });

export const HandoverImported = HandoverEntry.extend({ added: z.number().int(), unchanged: z.number().int() });
export type HandoverImported = z.output<typeof HandoverImported>;

export const HandoverStatus = z.strictObject({
  /** This installation's receiving key for a package, once it made a successor file. */
  receivingKey: z.string().nullable(),
  signingKeyId: z.string().nullable(),
  log: z.array(HandoverEntry),
  /** The series this installation continues (from a received package), or null. */
  continues: z.strictObject({ keyId: z.string(), sequence: z.number().int(), hash: z.string().nullable() }).nullable(),
});
export type HandoverStatus = z.output<typeof HandoverStatus>;
