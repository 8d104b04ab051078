import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { datetimeText } from './i18n';
import { checkDateText, checkDateTimeText, displayText, shiftWallClock, type DateInputProblem } from './parse';
import './datetime.css';

// The app's own date and time inputs: plain text fields the officer types into, in the app's language
// (day-month-year, 24-hour clock) whatever the laptop's locale, instead of the browser's date pickers.
// The form holds the wall clock on the post's clock (`YYYY-MM-DD` / `YYYY-MM-DDTHH:mm`) when the text reads,
// and exactly what was typed when it does not, with the problem's code; shared/time converts on submit.
// Keyboard: type freely (7-3-2026 9:05, 2026-03-07, 07032026 0905); Arrow Up/Down step a day (in the time
// part of a date-time: a minute); leaving the field writes the value out in the language's form.

export interface DateInputBaseProps {
  /** The control's id; the label's `htmlFor` (LabelledField gives one). */
  id?: string;
  name?: string;
  /** What the form holds: the wall clock, the text as typed when it does not read, or ''. */
  value: string;
  /** Every keystroke: the value to hold and the problem, if any (null when the text reads or is empty). */
  onChange: (value: string, problem: DateInputProblem | null) => void;
  onBlur?: () => void;
  /** The app's language: the format shown, the hint and how the value is written out. */
  language: string;
  /** Ids of the elements that describe the control besides the format hint (the field's hint and error). */
  describedBy?: string | undefined;
  invalid?: boolean;
  required?: boolean;
  disabled?: boolean;
  /** Only when there is no visible label. */
  ariaLabel?: string;
  className?: string;
  /**
   * For a filter bar, where a line under the field would push it out of line with its neighbours: the format is
   * the empty field's placeholder and is read with the field, but not shown under it.
   */
  compact?: boolean;
}

export interface DateTimeInputProps extends DateInputBaseProps {
  /** The post's IANA zone: a time its clocks jumped over is reported as `dst_gap`. */
  timeZone?: string;
  /**
   * "Bogotá time": shown after the field and read with it. Give it only when the post's clock differs from
   * the laptop's (see `sameWallClock` in shared/time).
   */
  zoneLabel?: string;
}

/** A date: Dutch `dd-mm-jjjj`, English `dd/mm/yyyy`. The value is `YYYY-MM-DD`. */
export function DateInput(props: DateInputBaseProps): ReactNode {
  return (
    <ClockTextInput
      {...props}
      kind="date"
      hint={datetimeText(props.language).hint.date}
      check={(text) => checkDateText(text)}
      step={(value, direction) => shiftWallClock(value, { days: direction })}
    />
  );
}

/** A date and a 24-hour time on the post's clock. The value is `YYYY-MM-DDTHH:mm`. */
export function DateTimeInput({ timeZone, zoneLabel, ...props }: DateTimeInputProps): ReactNode {
  return (
    <ClockTextInput
      {...props}
      kind="datetime"
      hint={datetimeText(props.language).hint.dateTime}
      zoneLabel={zoneLabel}
      check={(text) => checkDateTimeText(text, props.language, timeZone)}
      // The first ten characters are the date as written out (07-03-2026); after them, the time.
      step={(value, direction, caret) =>
        shiftWallClock(value, caret <= 10 ? { days: direction } : { minutes: direction })
      }
    />
  );
}

interface ClockTextInputProps extends DateInputBaseProps {
  kind: 'date' | 'datetime';
  hint: string;
  zoneLabel?: string | undefined;
  check: (text: string) => { value: string; problem: DateInputProblem | null };
  step: (value: string, direction: 1 | -1, caret: number) => string;
}

function ClockTextInput({
  id,
  name,
  value,
  onChange,
  onBlur,
  language,
  describedBy,
  invalid,
  required,
  disabled,
  ariaLabel,
  className,
  compact,
  kind,
  hint,
  zoneLabel,
  check,
  step,
}: ClockTextInputProps): ReactNode {
  const ownId = useId();
  const inputId = id ?? ownId;
  const hintId = `${inputId}-format`;
  const zoneId = `${inputId}-zone`;
  const input = useRef<HTMLInputElement>(null);
  const caret = useRef<number | null>(null);

  // The text on screen, and the value and language it was last in step with. A value from outside (the form
  // reset, a record opened) or another language rewrites the text; the officer's own typing never does.
  const [shown, setShown] = useState(() => ({ text: displayText(value, language), value, language }));
  let text = shown.text;
  if (shown.value !== value || shown.language !== language) {
    text = shown.value !== value || check(shown.text).value === value ? displayText(value, language) : shown.text;
    setShown({ text, value, language });
  }

  useLayoutEffect(() => {
    if (caret.current === null || !input.current) return;
    input.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  });

  function type(next: string) {
    const checked = check(next);
    setShown({ text: next, value: checked.value, language });
    onChange(checked.value, checked.problem);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey) return;
    const checked = check(text);
    if (checked.problem && checked.problem.code !== 'dst_gap') return;
    if (checked.value === '') return;
    e.preventDefault();
    const position = e.currentTarget.selectionStart ?? 0;
    const stepped = step(checked.value, e.key === 'ArrowUp' ? 1 : -1, position);
    const steppedText = displayText(stepped, language);
    caret.current = Math.min(position, steppedText.length);
    type(steppedText);
  }

  function onLeave() {
    const checked = check(text);
    if (!checked.problem || checked.problem.code === 'dst_gap') {
      const written = displayText(checked.value, language);
      if (written !== text) setShown({ text: written, value: checked.value, language });
    }
    onBlur?.();
  }

  const describers = [describedBy, hintId, zoneLabel ? zoneId : undefined].filter(Boolean).join(' ');
  return (
    <span className={`datetime datetime--${kind}${className ? ` ${className}` : ''}`}>
      <span className="datetime__row">
        <input
          ref={input}
          id={inputId}
          name={name}
          type="text"
          autoComplete="off"
          spellCheck={false}
          className="datetime__input"
          value={text}
          size={kind === 'date' ? 11 : 17}
          aria-label={ariaLabel}
          aria-describedby={describers}
          aria-invalid={invalid || undefined}
          required={required}
          disabled={disabled}
          placeholder={compact ? hint : undefined}
          onChange={(e) => type(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={onLeave}
        />
        {zoneLabel && (
          <span className="datetime__zone" id={zoneId}>
            {zoneLabel}
          </span>
        )}
      </span>
      <span className={compact ? 'visually-hidden' : 'datetime__format'} id={hintId}>
        {hint}
      </span>
    </span>
  );
}
