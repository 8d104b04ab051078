import type { z } from 'zod';
import type { FieldProblem } from '../contract/result';

// Turns zod issues into stable, translatable field problems. The renderer translates `code` with
// `params`; the English `message` serves logs and the command line.

export function fieldProblems(error: z.ZodError): Record<string, FieldProblem> {
  const fields: Record<string, FieldProblem> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fields[path]) continue; // the first problem per field is the one worth showing
    fields[path] = toProblem(issue);
  }
  return fields;
}

function toProblem(issue: z.core.$ZodIssue): FieldProblem {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) {
        return { code: 'required', message: 'This field is required.' };
      }
      if (issue.inclusive === false) {
        return {
          code: 'must_exceed',
          message: `Must be more than ${String(issue.minimum)}.`,
          params: { min: Number(issue.minimum) },
        };
      }
      return {
        code: 'too_small',
        message: `Must be at least ${String(issue.minimum)}.`,
        params: { min: Number(issue.minimum) },
      };
    case 'too_big':
      if (issue.origin === 'string') {
        return {
          code: 'too_long',
          message: `Must be at most ${String(issue.maximum)} characters.`,
          params: { max: Number(issue.maximum) },
        };
      }
      return {
        code: 'too_big',
        message: `Must be at most ${String(issue.maximum)}.`,
        params: { max: Number(issue.maximum) },
      };
    case 'invalid_value':
      return { code: 'invalid_option', message: 'Choose one of the listed options.' };
    case 'invalid_type':
      if (issue.expected === 'int') {
        return { code: 'not_whole_number', message: 'Enter a whole number.' };
      }
      if (issue.input === undefined || issue.input === null) {
        return { code: 'required', message: 'This field is required.' };
      }
      return { code: 'invalid_type', message: `Expected ${issue.expected}.` };
    case 'unrecognized_keys':
      return { code: 'unknown_field', message: `Unknown field(s): ${issue.keys.join(', ')}.` };
    case 'custom':
      return {
        code: typeof issue.params?.['code'] === 'string' ? issue.params['code'] : 'invalid',
        message: issue.message,
      };
    case 'invalid_format':
      return { code: 'invalid_format', message: issue.message };
    default:
      return { code: 'invalid', message: issue.message };
  }
}
