import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from './datetime/DateInputs';
import { PERIOD_PRESETS, type Period, type PeriodPreset, type periodProblem } from './period';
import './figures.css';

// The period of the overview and the dashboards: quick choices as one segmented control (native radios,
// so the keyboard and screen readers work as usual) and the two dates (the app's own date inputs, day-month-year
// in the app's language), which switch to a custom period. A date that does not read is passed on as typed, so
// periodProblem names it.

export type PeriodChoice = PeriodPreset | 'custom';

export function PeriodPicker({
  preset,
  period,
  problem,
  onPreset,
  onCustom,
}: {
  preset: PeriodChoice;
  /** The period on screen: the preset's, or the dates as typed. */
  period: Period;
  problem: ReturnType<typeof periodProblem>;
  onPreset: (preset: PeriodPreset) => void;
  /** A date was typed (or "Custom" chosen, with no change): the period becomes custom. */
  onCustom: (patch: Partial<Period>) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const name = useId();
  const errorId = useId();
  const choices: PeriodChoice[] = [...PERIOD_PRESETS, 'custom'];
  const fromInvalid = problem === 'invalid_from' || problem === 'reversed';
  const toInvalid = problem === 'invalid_to';

  return (
    <fieldset className="period">
      <legend>{t('period.label')}</legend>
      <div className="period__choices">
        {choices.map((choice) => (
          <label key={choice} className={choice === preset ? 'period__choice is-checked' : 'period__choice'}>
            <input
              type="radio"
              name={name}
              value={choice}
              checked={choice === preset}
              onChange={() => (choice === 'custom' ? onCustom({}) : onPreset(choice))}
            />
            <span>{t(`period.presets.${choice}`)}</span>
          </label>
        ))}
      </div>
      <div className="period__dates">
        {(['from', 'to'] as const).map((which) => {
          const invalid = which === 'from' ? fromInvalid : toInvalid;
          return (
            <div key={which} className="filter">
              <label htmlFor={`${name}-${which}`}>{t(`period.${which}`)}</label>
              <DateInput
                id={`${name}-${which}`}
                value={period[which]}
                language={i18n.language}
                compact
                invalid={invalid}
                describedBy={invalid ? errorId : undefined}
                onChange={(value) => onCustom({ [which]: value })}
              />
            </div>
          );
        })}
      </div>
      {problem && (
        <p className="field__error period__error" id={errorId} role="alert">
          {t(`period.problem.${problem}`)}
        </p>
      )}
    </fieldset>
  );
}
