import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { Box, Button, Grid, Modal, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useProblemOf } from '../utils/api';
import { getTrad } from '../utils/getTrad';

/** What the fields of a FormModal get: the value, the server's message and the change handler of a field. */
export interface FormModalFields<V extends object> {
  values: V;
  errors: Record<string, string>;
  /** Props of one field component of fields.tsx: name, value, error, onChange. */
  field: <K extends keyof V & string>(
    name: K,
  ) => { name: K; value: V[K]; error?: string; onChange: (name: string, value: unknown) => void };
  change: (name: string, value: unknown) => void;
}

interface FormModalProps<V extends object> {
  open: boolean;
  title: string;
  /** The values the form starts with every time it opens. */
  initialValues: V;
  submitLabel: string;
  onClose: () => void;
  /** Saves; a thrown request error becomes the messages under the fields (and above them when general). */
  onSubmit: (values: V) => Promise<void>;
  children: (fields: FormModalFields<V>) => React.ReactNode;
  testId?: string;
  submitTestId?: string;
  /** Only looking: no submit button. */
  readOnly?: boolean;
  /** Shown above the fields (a short explanation). */
  intro?: React.ReactNode;
}

/**
 * A modal with a form: the values, the server's messages per field (a field's message goes when the
 * field changes), a message for the whole form, and Cancel / submit. Used by the number series and the
 * auto-recording rules screens.
 */
export const FormModal = <V extends object>({
  open,
  title,
  initialValues,
  submitLabel,
  onClose,
  onSubmit,
  children,
  testId,
  submitTestId,
  intro,
  readOnly,
}: FormModalProps<V>) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const problemOf = useProblemOf();
  const [values, setValues] = React.useState<V>(initialValues);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [general, setGeneral] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    if (open) {
      setValues(initialValues);
      setErrors({});
      setGeneral(null);
    }
  }, [open, initialValues]);

  const change = (name: string, value: unknown) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _gone, ...rest }) => rest);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (err) {
      const problem = problemOf(err);
      // Messages of fields the form does not show go above the fields, with the general one.
      const shown = Object.entries(problem.fields).filter(([name]) => rendered.current.has(name));
      const unshown = Object.entries(problem.fields)
        .filter(([name]) => !rendered.current.has(name))
        .map(([, m]) => m);
      setErrors(Object.fromEntries(shown));
      setGeneral(
        shown.length && !unshown.length
          ? null
          : [...unshown, shown.length ? '' : problem.message].filter(Boolean).join(' '),
      );
      toggleNotification({
        type: 'danger',
        message: shown.length
          ? label('form.notSaved', 'Nothing was saved. Correct the fields marked in red and save again.')
          : problem.message,
      });
    } finally {
      setBusy(false);
    }
  };

  /** The fields the form shows (asked for through `field`), so a message for another one is not lost. */
  const rendered = React.useRef(new Set<string>());
  const field = <K extends keyof V & string>(name: K) => {
    rendered.current.add(name);
    return { name, value: values[name], error: errors[name], onChange: change };
  };
  const label = (id: string, defaultMessage: string) => formatMessage({ id: getTrad(id), defaultMessage });

  return (
    <Modal.Root open={open} onOpenChange={(o) => !o && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate data-testid={testId}>
          <Modal.Header closeLabel={label('action.close', 'Close')}>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {intro && <Box paddingBottom={4}>{intro}</Box>}
            {general && (
              <Box
                background="danger100"
                borderColor="danger200"
                padding={3}
                hasRadius
                marginBottom={4}
                data-testid="form-error"
              >
                <Typography variant="omega" textColor="danger700">
                  {general}
                </Typography>
              </Box>
            )}
            <Grid.Root gap={4}>{children({ values, errors, field, change })}</Grid.Root>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">
                {readOnly ? label('action.close', 'Close') : label('action.cancel', 'Cancel')}
              </Button>
            </Modal.Close>
            {!readOnly && (
              <Button type="submit" loading={busy} data-testid={submitTestId}>
                {submitLabel}
              </Button>
            )}
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
