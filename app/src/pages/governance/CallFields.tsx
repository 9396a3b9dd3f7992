// The fields of an allowlisted call's form: one labelled input per argument field, with its
// unit and its error. The form itself is built from the metadata (lib/proposalForm).
import { useId } from 'react';
import { fieldUnit, type CallForm, type FormValues } from '../../lib/proposalForm';

export function CallFields({ form, values, errors, symbol, onChange }: { form: CallForm; values: FormValues; errors: Record<string, string>; symbol: string; onChange: (key: string, value: string) => void }) {
  const id = useId();
  return (
    <fieldset>
      <legend>Arguments of {form.call.message}</legend>
      {form.fields.map((f, i) => {
        const inputId = `${id}-${i}`;
        const value = values[f.key] ?? '';
        const error = errors[f.key];
        return (
          <p key={f.key}>
            <label htmlFor={inputId}>{f.label}</label>{' '}
            {f.kind === 'bool' ? (
              <select id={inputId} value={value} onChange={(e) => onChange(f.key, e.target.value)}>
                <option value="">choose</option>
                <option value="true">yes</option>
                <option value="false">no</option>
              </select>
            ) : (
              <input id={inputId} value={value} inputMode={f.kind === 'account' || f.kind === 'hash' ? 'text' : 'decimal'} aria-invalid={error ? true : undefined} aria-describedby={error ? `${inputId}-error` : undefined} onChange={(e) => onChange(f.key, e.target.value)} />
            )}{' '}
            <span className="unit">{fieldUnit(f.kind, value, symbol)}</span>
            {error && (
              <span id={`${inputId}-error`} className="error">
                {' '}
                {error}
              </span>
            )}
          </p>
        );
      })}
    </fieldset>
  );
}
