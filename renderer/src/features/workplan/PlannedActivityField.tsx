import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlannedActivity } from '../../../../shared/workplan/schema';
import { call } from '../../api/bridge';
import { Field } from '../../ui/Field';
import { useForm } from '../records/form-context';

// "Carries out planned activity" on the engagement form (issue 14, item 3): the activities of this installation's
// work plan for the engagement's year.

export function PlannedActivityField(): ReactNode {
  const { t } = useTranslation('workplan');
  const { values, errors, setField, readOnly } = useForm();
  const at = typeof values['occurredAt'] === 'string' ? values['occurredAt'] : '';
  const year = /^\d{4}/.test(at) ? Number(at.slice(0, 4)) : new Date().getFullYear();
  const [activities, setActivities] = useState<PlannedActivity[]>([]);
  useEffect(() => {
    let live = true;
    void call('workplan.view', { year }).then((r) => {
      if (live && r.ok) setActivities(r.value.activities.map((a) => a.activity));
    });
    return () => {
      live = false;
    };
  }, [year]);
  const value = typeof values['plannedActivityId'] === 'string' ? values['plannedActivityId'] : '';
  // A link to an activity of another year (or one since removed) stays shown as it is.
  const known = value === '' || activities.some((a) => a.id === value);
  if (activities.length === 0 && value === '') return null;
  return (
    // The backend's refusal (an activity removed or unknown: electron/workplan/link-check.ts) is shown here.
    <Field label={t('carriesOut')} hint={t('carriesOutHint', { year })} problem={errors['plannedActivityId']}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name="plannedActivityId"
          value={value}
          disabled={readOnly}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => setField('plannedActivityId', e.target.value === '' ? null : e.target.value)}
        >
          <option value="">{t('carriesOutNone')}</option>
          {!known && <option value={value}>{value}</option>}
          {activities.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
