import * as React from 'react';
import {
  Box,
  DatePicker,
  Field,
  Flex,
  Grid,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTrad } from '../utils/getTrad';
import type { RecordRef } from '../../../shared/contracts/lookups';

/* -------------------------------------------------------------------------------------------------
 * Layout
 * -----------------------------------------------------------------------------------------------*/

interface SectionProps {
  id: string;
  title: string;
  subtitle?: string;
  children: React.ReactNode;
  action?: React.ReactNode;
  /** false: the children as they are (a table), not in the grid of fields. */
  grid?: boolean;
}

/** A white card with a title, a one-line explanation and a grid of fields (Strapi settings style). */
export const Section = ({ id, title, subtitle, children, action, grid = true }: SectionProps) => (
  <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid={`section-${id}`}>
    <Flex direction="column" alignItems="stretch" gap={5}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="delta" tag="h2">
            {title}
          </Typography>
          {subtitle && (
            <Typography variant="pi" textColor="neutral600">
              {subtitle}
            </Typography>
          )}
        </Flex>
        {action}
      </Flex>
      {grid ? <Grid.Root gap={5}>{children}</Grid.Root> : children}
    </Flex>
  </Box>
);

/** One grid cell; `size` is the width in 12ths on large screens (full width on small ones). */
export const Cell = ({ size = 6, children }: { size?: number; children: React.ReactNode }) => (
  <Grid.Item col={size} s={12} direction="column" alignItems="stretch">
    {children}
  </Grid.Item>
);

/* -------------------------------------------------------------------------------------------------
 * Inputs. Each one: a label, the input, a one-line hint and the server's message when it refused the value.
 * -----------------------------------------------------------------------------------------------*/

/** The props every input takes. */
export interface FieldProps<T> {
  name: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  disabled?: boolean;
  value: T;
  onChange: (name: string, value: T) => void;
  required?: boolean;
}

/** The frame every input shares: label, the input, the hint, the server's message (and what follows it). */
export const FieldFrame = ({
  name,
  label,
  hint,
  error,
  required,
  maxWidth,
  children,
  footer,
}: Pick<FieldProps<unknown>, 'name' | 'label' | 'hint' | 'error' | 'required'> & {
  maxWidth?: string;
  children: React.ReactNode;
  footer?: React.ReactNode;
}) => (
  <Field.Root name={name} id={name} hint={hint} error={error} required={required} maxWidth={maxWidth}>
    <Field.Label>{label}</Field.Label>
    {children}
    <Field.Hint />
    <Field.Error />
    {footer}
  </Field.Root>
);

export const ToggleField = ({ disabled, value, onChange, ...frame }: FieldProps<boolean> & { maxWidth?: string }) => {
  const { formatMessage } = useIntl();
  return (
    <FieldFrame {...frame}>
      <Toggle
        checked={!!value}
        disabled={disabled}
        data-testid={`field-${frame.name}`}
        onLabel={formatMessage({ id: getTrad('toggle.on'), defaultMessage: 'On' })}
        offLabel={formatMessage({ id: getTrad('toggle.off'), defaultMessage: 'Off' })}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(frame.name, e.target.checked)}
      />
    </FieldFrame>
  );
};

export const TextField = ({
  disabled,
  value,
  onChange,
  placeholder,
  ...frame
}: FieldProps<string | null> & { placeholder?: string }) => (
  <FieldFrame {...frame}>
    <TextInput
      value={value ?? ''}
      disabled={disabled}
      placeholder={placeholder}
      data-testid={`field-${frame.name}`}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
        onChange(frame.name, e.target.value === '' ? null : e.target.value)
      }
    />
  </FieldFrame>
);

/**
 * A number. `code`: a number that is a code, such as a port — written without the thousands separator the number
 * input adds ("993", not "14,342"), digits only.
 */
export const NumberField = ({
  disabled,
  value,
  onChange,
  code,
  ...frame
}: FieldProps<number | null> & { code?: boolean }) => (
  <FieldFrame {...frame}>
    {code ? (
      <TextInput
        value={value === null || value === undefined ? '' : String(value)}
        disabled={disabled}
        inputMode="numeric"
        data-testid={`field-${frame.name}`}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
          const digits = e.target.value.replace(/\D/g, '').slice(0, 9);
          onChange(frame.name, digits === '' ? null : Number(digits));
        }}
      />
    ) : (
      <NumberInput
        value={value ?? undefined}
        disabled={disabled}
        data-testid={`field-${frame.name}`}
        onValueChange={(v) => onChange(frame.name, v === undefined || Number.isNaN(v) ? null : v)}
      />
    )}
  </FieldFrame>
);

/** A date stored as YYYY-MM-DD (no time zone shifts: the calendar date the user picked). */
export const DateField = ({ disabled, value, onChange, ...frame }: FieldProps<string | null>) => {
  const { formatMessage, locale } = useIntl();
  const asDate = value
    ? new Date(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10)))
    : undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    <FieldFrame {...frame}>
      <DatePicker
        value={asDate}
        locale={locale}
        disabled={disabled}
        clearLabel={formatMessage({ id: getTrad('action.clear'), defaultMessage: 'Clear' })}
        onClear={() => onChange(frame.name, null)}
        onChange={(d) =>
          onChange(frame.name, d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : null)
        }
      />
    </FieldFrame>
  );
};

interface Choice {
  value: string;
  label: string;
}

/** A fixed list of choices; `null` is shown as the blank choice. */
export const ChoiceField = ({
  disabled,
  value,
  onChange,
  choices,
  blankLabel,
  ...frame
}: FieldProps<string | null> & { choices: Choice[]; blankLabel: string }) => {
  const BLANK = '__blank__';
  return (
    <FieldFrame {...frame}>
      <SingleSelect
        value={value ?? BLANK}
        disabled={disabled}
        data-testid={`field-${frame.name}`}
        onChange={(v) => onChange(frame.name, v === BLANK ? null : String(v))}
      >
        <SingleSelectOption value={BLANK}>{blankLabel}</SingleSelectOption>
        {choices.map((c) => (
          <SingleSelectOption key={c.value} value={c.value}>
            {c.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </FieldFrame>
  );
};

export const refLabel = (ref: RecordRef) => (ref.name ? `${ref.code} – ${ref.name}` : ref.code);

/** A picker over master data: the value is a documentId or null (cleared with the ✕ button). */
export const RecordField = ({
  disabled,
  value,
  onChange,
  options,
  current,
  ...frame
}: FieldProps<string | null> & { options: RecordRef[]; current?: RecordRef | null; footer?: React.ReactNode }) => {
  const { formatMessage } = useIntl();
  // The stored record is always offered, even when the list was cut off before it.
  const all = current && !options.some((o) => o.documentId === current.documentId) ? [current, ...options] : options;
  return (
    <FieldFrame {...frame}>
      <SingleSelect
        value={value ?? ''}
        disabled={disabled}
        data-testid={`field-${frame.name}`}
        placeholder={formatMessage({ id: getTrad('picker.placeholder'), defaultMessage: 'None selected' })}
        clearLabel={formatMessage({ id: getTrad('action.clear'), defaultMessage: 'Clear' })}
        onClear={value ? () => onChange(frame.name, null) : undefined}
        onChange={(v) => onChange(frame.name, String(v))}
      >
        {all.length === 0 ? (
          <SingleSelectOption value="__empty__" disabled>
            {formatMessage({ id: getTrad('picker.empty'), defaultMessage: 'No entries yet' })}
          </SingleSelectOption>
        ) : (
          all.map((o) => (
            <SingleSelectOption key={o.documentId} value={o.documentId}>
              {refLabel(o)}
            </SingleSelectOption>
          ))
        )}
      </SingleSelect>
    </FieldFrame>
  );
};
