import { createContext, useContext } from 'react';
import type { FormErrors, FormValues } from './form-model';

export interface FormBinding {
  values: FormValues;
  errors: FormErrors;
  setField: (name: string, value: unknown) => void;
  /**
   * The record is shown, not edited (at HQ, a record imported from a post): `setField` ignores changes.
   * Fields may render read-only controls for it; RecordOrigin.tsx's ReadOnlyScope makes the rendered ones so.
   */
  readOnly?: boolean;
}

export const FormContext = createContext<FormBinding | null>(null);

export function useForm(): FormBinding {
  const binding = useContext(FormContext);
  if (!binding) throw new Error('A form field was rendered outside a record form.');
  return binding;
}

/** The value of one field as text, for inputs. */
export function useTextValue(name: string): string {
  const value = useForm().values[name];
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
