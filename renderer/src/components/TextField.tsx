/**
 * One labelled input. The hint and the problem share one reserved line under the input, so a
 * validation message never moves the layout.
 */
import type { InputHTMLAttributes } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  id: string;
  label: string;
  value: string;
  problem?: string | null;
  hint?: string | null;
  onChange(value: string): void;
}

export function TextField({ id, label, value, problem, hint, onChange, ...rest }: Props) {
  return (
    <div className={problem ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} aria-invalid={problem ? true : undefined} aria-describedby={`${id}-note`} autoComplete="off" spellCheck={false} onChange={(e) => onChange(e.target.value)} {...rest} />
      <div id={`${id}-note`} className={problem ? 'note problem' : 'note'} data-testid={`${id}-note`} role={problem ? 'alert' : undefined}>
        {problem ?? hint ?? '\u00a0'}
      </div>
    </div>
  );
}
