/** The service's form, built from the catalog's inputs: titles as hints, live validation by the service's regexps. */
import { useTranslation } from 'react-i18next';
import { sayError } from '../../format/error';
import type { CatalogField } from '../../../../shared/ipc/contract';
import type { FieldProblem } from '../../../../shared/rules/input-validation';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { TextField } from '../../components/TextField';
import { isNumeric, patternHint } from '../../format/pattern';
import { fieldProblems, usePayment, validationRules } from './payment-store';
import { useStatus } from '../../state/status';

export function useProblemText() {
  const { t } = useTranslation();
  return (field: CatalogField, p: FieldProblem): string => {
    const title = field.title || field.name;
    if (p.problem === 'required') return t('form.required', { title });
    if (p.problem === 'too-long') return t('form.tooLong', { title });
    const hint = patternHint(field.regexp);
    if (hint) return hint.min === hint.max ? t('form.digits', { title, count: hint.min }) : t('form.digitsRange', { title, min: hint.min, max: hint.max });
    return t('form.format', { title });
  };
}

export function PaymentForm() {
  const { t } = useTranslation();
  const { service, values, shown, focused, busy, error, setValue, focus, blur, submitForm } = usePayment();
  usePayment((s) => s.validationReady); // re-render once the rules are loaded
  const rules = validationRules();
  const kiosk = useStatus((s) => s.status?.mode === 'kiosk');
  const problemText = useProblemText();
  if (!service) return null;
  const problems = fieldProblems(service, values);
  const focusedField = service.inputs.find((f) => f.name === focused) ?? null;
  return (
    <form
      className="payment-form"
      data-testid="payment-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submitForm();
      }}
    >
      {service.inputs.map((f, i) => {
        const problem = problems[f.name];
        const visible = problem && (shown[f.name] || (problem.problem === 'pattern' && (values[f.name]?.length ?? 0) > 0 && focused !== f.name));
        const hint = patternHint(f.regexp);
        // A kiosk shows a phone number in its fixed mask, filled as the keypad types.
        const masked = kiosk && rules !== null && rules.isPhoneField(f);
        return (
          <TextField
            key={f.name}
            id={`input-${f.name}`}
            data-testid={`input-${f.name}`}
            label={f.title || f.name}
            value={masked && rules ? rules.phoneMask(values[f.name] ?? '') : (values[f.name] ?? '')}
            data-value={values[f.name] ?? ''}
            required={f.required}
            inputMode={isNumeric(f.regexp) ? 'numeric' : 'text'}
            readOnly={kiosk}
            autoFocus={!kiosk && i === 0}
            problem={visible && problem ? problemText(f, problem) : null}
            hint={hint ? (hint.min === hint.max ? t('form.hintDigits', { count: hint.min }) : t('form.hintDigitsRange', { min: hint.min, max: hint.max })) : f.required ? t('form.hintRequired') : null}
            onFocus={() => focus(f.name)}
            onBlur={() => blur(f.name)}
            onChange={(v) => setValue(f.name, v)}
          />
        );
      })}
      {error && (
        <div className="banner error" role="alert" data-testid="flow-error">
          {sayError(t, error)}
        </div>
      )}
      {/* A kiosk's keyboard has the one «Далее» (the next field, then the check); while checking it says so. */}
      {kiosk && focusedField && busy && <p className="checking" role="status" data-testid="checking">{t('form.checking')}</p>}
      {!(kiosk && focusedField) && (
        <div className="actions">
          <button type="submit" className="primary" data-testid="check" disabled={busy}>
            {busy ? t('form.checking') : t('form.next')}
          </button>
        </div>
      )}
      {kiosk && focusedField && (
        <OnScreenKeyboard
          key={focusedField.name}
          numeric={isNumeric(focusedField.regexp)}
          onKey={(c) => setValue(focusedField.name, ((values[focusedField.name] ?? '') + c).slice(0, rules?.isPhoneField(focusedField) ? 10 : 200))}
          onBackspace={() => setValue(focusedField.name, (values[focusedField.name] ?? '').slice(0, -1))}
          onEnter={() => {
            const next = service.inputs[service.inputs.indexOf(focusedField) + 1];
            if (next) {
              blur(focusedField.name);
              focus(next.name);
            } else if (!busy) void submitForm();
          }}
        />
      )}
    </form>
  );
}
