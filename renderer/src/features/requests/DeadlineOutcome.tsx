import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  deadlineOutcome,
  type DeadlineInputs,
  type DeadlineOutcome,
  type Span,
} from '../../../../shared/deadlines/outcome';
import { ACCESSIBILITIES, URGENCIES } from '../../../../shared/deadlines/directive';
import type { AnyRecord } from '../../api/records';
import { useForm } from '../records/form-context';
import { optionalInstant } from '../records/form-model';
import { useSettings } from '../settings/settings-store';
import './requests.css';

// Where a request stands against its Directive deadline, in words: "Answered in time (6 h of 8 h)",
// "Answered 2 days late", "Open, due in 3 h", "Overdue by 5 h". The rule is shared/deadlines/outcome.ts's
// deadlineOutcome, the one the dashboards, the overdue filter and the attention lists use; this file only
// words its answer.

/** The current time, again every minute, so "due in 3 h" does not go stale on an open screen. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const urgencyOf = (v: unknown) => URGENCIES.find((u) => u === v);
const accessibilityOf = (v: unknown) => ACCESSIBILITIES.find((a) => a === v);

/** The outcome's sentence in the window's language; null where there is nothing to say (no deadline). */
function useOutcomeText(): (outcome: DeadlineOutcome) => string | null {
  const { t } = useTranslation('requests');
  const amount = (s: Span) => t(`span.${s.unit}`, { count: s.value });
  return (outcome) => {
    switch (outcome.state) {
      case 'none':
        return null;
      case 'met':
        return t('deadlineOutcome.met', { used: amount(outcome.used), limit: amount(outcome.limit) });
      case 'missed':
        return t('deadlineOutcome.missed', { late: amount(outcome.late ?? outcome.used) });
      case 'open':
      case 'due_soon':
        return t('deadlineOutcome.open', { left: amount(outcome.left) });
      case 'overdue':
        return t('deadlineOutcome.overdue', { overdueBy: amount(outcome.overdueBy) });
      case 'closed':
        return t('deadlineOutcome.closed');
    }
  };
}

/** The fields the rule reads, from a stored request or from the form (by the same names). */
type Facts = Readonly<Record<string, unknown>>;

function inputsOf(fields: Facts): DeadlineInputs | null {
  const exchangedAt = text(fields.exchangedAt);
  if (exchangedAt === null) return null;
  const urgency = urgencyOf(fields.urgency);
  const accessibility = accessibilityOf(fields.accessibility);
  return {
    exchangedAt,
    dueAt: text(fields.dueAt),
    answeredAt: text(fields.answeredAt),
    status: typeof fields.status === 'string' ? fields.status : '',
    ...(urgency ? { urgency } : {}),
    ...(accessibility ? { accessibility } : {}),
  };
}

/** In a request's list row: the outcome as a small chip, coloured by how it stands. */
export function DeadlineOutcomeChip({ record }: { record: AnyRecord }): ReactNode {
  const now = useNow();
  const say = useOutcomeText();
  const inputs = inputsOf(record);
  if (!inputs) return null;
  const outcome = deadlineOutcome(inputs, now);
  const sentence = outcome.state === 'closed' ? null : say(outcome);
  if (!sentence) return null;
  return <span className={`deadline deadline--${outcome.state}`}>{sentence}</span>;
}

/**
 * In the request form, under the deadline: the outcome of what the form holds now. `exchangedAt` and `dueAt`
 * are the form's own instants (as it computes the due line); the answer time is read from the form the same
 * way. Once an answer time is recorded, the outcome replaces the "Answer due by…" line before it (requests.css).
 */
export function DeadlineOutcomeLine({ exchangedAt, dueAt }: { exchangedAt: unknown; dueAt: unknown }): ReactNode {
  const { values } = useForm();
  const timeZone = useSettings((s) => s.settings.timeZone);
  const now = useNow();
  const say = useOutcomeText();
  const inputs = inputsOf({
    exchangedAt,
    dueAt,
    answeredAt: optionalInstant(values['answeredAt'], timeZone),
    status: values['status'],
    urgency: values['urgency'],
    accessibility: values['accessibility'],
  });
  const outcome = inputs ? deadlineOutcome(inputs, now) : null;
  const sentence = outcome ? say(outcome) : null;
  return (
    <p className={`deadline-outcome deadline-outcome--${outcome?.state ?? 'none'}`} aria-live="polite">
      {sentence ?? ''}
    </p>
  );
}
