import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../../shared/contract/result';

/** Field problems in the officer's language: field-specific wording first, then the app's general wording. */
export function useProblemText(): (field: string, problem: FieldProblem | undefined) => string | undefined {
  const { t } = useTranslation();
  return (field, problem) =>
    problem
      ? t([`settings.errors.${field}.${problem.code}`, `settings.errors.${problem.code}`, `error.${problem.code}`], {
          ...problem.params,
          defaultValue: problem.message,
        })
      : undefined;
}

/** The app's one labelled field (ui/Field.tsx), under this feature's name. */
export { LabelledField as FormField } from '../../ui/Field';
