import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dueAt, directiveApplies } from '../../../../shared/deadlines/directive';
import { NON_SIENA_REASONS, REFUSAL_GROUNDS, URGENCY_GROUNDS } from '../../../../shared/requests/directive-codes';
import { shouldAskWhyNotSiena } from '../../../../shared/requests/europol-nudge';
import { REQUEST_STATUSES } from '../../../../shared/requests/schema';
import { CHANNEL_CODES } from '../../../../shared/taxonomy/channels';
import { formatDateTimeLabelled } from '../../i18n/format';
import { CheckboxField, CountryField, InputField, RadioField, SelectField, TextField } from '../../ui/fields';
import { PhenomenaField } from '../../ui/PhenomenaField';
import { RecordLinksField } from '../../ui/RecordLinksField';
import { DeadlineOutcomeLine } from './DeadlineOutcome';
import { useForm } from '../records/form-context';
import { fromLocalInput, optionalInstant } from '../records/form-model';
import { EffortFields } from '../efficiency/EffortFields';
import { useSettings } from '../settings/settings-store';

export function RequestForm(): ReactNode {
  const { t, i18n } = useTranslation('requests');
  const { values } = useForm();
  const settings = useSettings((s) => s.settings);
  const v = (k: string) => (typeof values[k] === 'string' ? values[k] : '');
  const direction = v('direction') === 'outgoing' ? 'outgoing' : 'incoming';
  const facts = {
    counterpartCountry: v('counterpartCountry'),
    channel: v('channel'),
    homeCountry: settings.homeCountry,
  };
  const askWhy = shouldAskWhyNotSiena(facts);
  // Received or sent at, on the post's clock: the deadline counts from that instant.
  const exchanged = fromLocalInput(v('exchangedAt'), settings.timeZone);
  const due =
    directiveApplies(facts) && typeof exchanged === 'string' && exchanged !== ''
      ? dueAt(
          exchanged,
          v('urgency') === 'urgent' ? 'urgent' : 'non_urgent',
          v('accessibility') === 'indirect' ? 'indirect' : 'direct',
          settings.timeZone,
        )
      : null;
  // Once an answer time is recorded, the outcome line says how the deadline went: "Answer due by…" goes.
  const answered = due !== null && typeof optionalInstant(values['answeredAt'], settings.timeZone) === 'string';

  return (
    <>
      <RadioField
        name="direction"
        label={t('fields.direction')}
        options={[
          { value: 'incoming', label: t('direction.incoming') },
          { value: 'outgoing', label: t('direction.outgoing') },
        ]}
      />
      <div className="form-row">
        <CountryField name="counterpartCountry" label={t('fields.counterpartCountry')} />
        <SelectField
          name="channel"
          label={t('fields.channel')}
          options={CHANNEL_CODES.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
      </div>
      {askWhy && (
        <div className="nudge" role="note">
          <p>
            <strong>{t('nudge.title')}</strong> {t('nudge.text')}
          </p>
          <SelectField
            name="nonSienaReason"
            label={t('fields.nonSienaReason')}
            placeholder={t('nudge.noAnswer')}
            options={NON_SIENA_REASONS.map((r) => ({ value: r, label: t(`nonSienaReason.${r}`) }))}
          />
          {v('nonSienaReason') === 'other' && (
            <TextField name="nonSienaReasonText" label={t('fields.nonSienaReasonText')} />
          )}
        </div>
      )}
      <TextField name="counterpartAgency" label={t('fields.counterpartAgency')} hint={t('hint.counterpartAgency')} />
      <TextField name="subject" label={t('fields.subject')} hint={t('hint.subject')} />
      <div className="form-row">
        <InputField name="exchangedAt" type="datetime-local" label={t(`fields.exchangedAt_${direction}`)} />
        <SelectField
          name="status"
          label={t('fields.status')}
          options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
      </div>
      <fieldset className="group">
        <legend>{t('directive')}</legend>
        <div className="form-row">
          <SelectField
            name="urgency"
            label={t('fields.urgency')}
            options={[
              { value: 'non_urgent', label: t('urgency.non_urgent') },
              { value: 'urgent', label: t('urgency.urgent') },
            ]}
          />
          <SelectField
            name="accessibility"
            label={t('fields.accessibility')}
            options={[
              { value: 'direct', label: t('accessibility.direct') },
              { value: 'indirect', label: t('accessibility.indirect') },
            ]}
          />
        </div>
        {v('urgency') === 'urgent' && (
          <SelectField
            name="urgencyGround"
            label={t('fields.urgencyGround')}
            placeholder={t('form.choose')}
            options={URGENCY_GROUNDS.map((g) => ({ value: g, label: t(`urgencyGround.${g}`) }))}
          />
        )}
        {!answered && (
          <p className="due" aria-live="polite">
            {!facts.counterpartCountry
              ? ''
              : due
                ? t(direction === 'incoming' ? 'dueIncoming' : 'dueOutgoing', {
                    when: formatDateTimeLabelled(due, i18n.language),
                  })
                : t('noDeadline')}
          </p>
        )}
        <DeadlineOutcomeLine exchangedAt={exchanged} dueAt={due} />
        <div className="form-row">
          <CheckboxField name="spocCopied" label={t('fields.spocCopied')} />
          <CheckboxField name="europolCopied" label={t('fields.europolCopied')} />
        </div>
        {values['spocCopied'] !== true && v('channel') === 'bilateral' && due !== null && (
          <TextField name="spocExemption" label={t('fields.spocExemption')} hint={t('hint.spocExemption')} />
        )}
      </fieldset>
      {v('status') !== 'open' && (
        <fieldset className="group">
          <legend>{t('outcome')}</legend>
          <InputField name="answeredAt" type="datetime-local" label={t('fields.answeredAt')} />
          {v('status') === 'refused' && (
            <SelectField
              name="refusalGround"
              label={t('fields.refusalGround')}
              placeholder={t('form.choose')}
              options={REFUSAL_GROUNDS.map((g) => ({ value: g, label: t(`refusalGround.${g}`) }))}
            />
          )}
        </fieldset>
      )}
      <CheckboxField
        name="judicialDeviation"
        label={t('fields.judicialDeviation')}
        hint={t('hint.judicialDeviation')}
      />
      {values['judicialDeviation'] === true && <TextField name="deviationNote" label={t('fields.deviationNote')} />}
      <PhenomenaField label={t('fields.phenomena')} />
      <div className="form-row">
        <RecordLinksField name="caseId" kind="case" multiple={false} label={t('fields.caseId')} />
        <TextField name="caseReference" label={t('fields.caseReference')} />
      </div>
      <TextField name="notes" label={t('fields.notes')} multiline />
      <EffortFields />
    </>
  );
}
