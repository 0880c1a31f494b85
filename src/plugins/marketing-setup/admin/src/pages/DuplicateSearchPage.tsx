import * as React from 'react';
import { Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Button, EmptyStateLayout, Flex, Grid, Link, Modal, Td, Tr, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import { ConfirmAction, useConfirmedDelete } from '../components/ConfirmAction';
import { Cell, ChoiceField, NumberField } from '../components/fields';
import { RecordTable, RowActions } from '../components/RecordTable';
import { Explainer, SettingsListPage } from '../components/SettingsListPage';
import { useT } from '../components/contact-panels/shared';
import type { SearchLine } from '../components/duplicates/types';
import { PERMISSIONS } from '../permissions';
import { PATHS } from '../pluginId';
import { API, useProblemOf } from '../utils/api';

interface LinesMeta {
  fields: { value: string; label: string }[];
  lengthMin: number;
  lengthMax: number;
}

/** The label of a search field, translated where the plugin has a translation. */
const useFieldName = (meta: LinesMeta | null) => {
  const t = useT();
  return (field: string) => t(`searchField.${field}`, meta?.fields.find((f) => f.value === field)?.label ?? field);
};

/* -------------------------------------------------------------------------------------------------
 * Add / edit a line (modal). The server's write rules decide (known field, length 2–10, one line per
 * field and part); their messages are shown under the field they name.
 * -----------------------------------------------------------------------------------------------*/

/** The values of the line form (empty until the modal opens). */
interface SearchLineValues {
  field?: string | null;
  part?: string | null;
  length?: number | null;
}

const LineModal = ({
  line,
  open,
  meta,
  onClose,
  onSaved,
}: {
  line: SearchLine | null;
  open: boolean;
  meta: LinesMeta;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const t = useT();
  const fieldName = useFieldName(meta);
  const { post, put } = useFetchClient();
  const problemOf = useProblemOf();
  const { toggleNotification } = useNotification();
  const [values, setValues] = React.useState<SearchLineValues>({});
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [general, setGeneral] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    if (open) {
      setValues(
        line ? { field: line.field, part: line.part, length: line.length } : { field: null, part: 'first', length: 5 },
      );
      setErrors({});
      setGeneral(null);
    }
  }, [open, line]);

  const change = (name: string, value: unknown) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _gone, ...rest }) => rest);
    setGeneral(null);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      if (line) await put(`${API}/duplicate-search-lines/${line.documentId}`, values);
      else await post(`${API}/duplicate-search-lines`, values);
      toggleNotification({ type: 'success', message: t('dupSearch.saved', 'The search-string line was saved.') });
      onSaved();
    } catch (err) {
      const problem = problemOf(err);
      setErrors(problem.fields);
      if (!Object.keys(problem.fields).length) setGeneral(problem.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(o) => !o && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate data-testid="search-line-form">
          <Modal.Header closeLabel={t('action.close', 'Close')}>
            <Modal.Title>
              {line
                ? t('dupSearch.edit.title', 'Edit search-string line')
                : t('dupSearch.create.title', 'New search-string line')}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Grid.Root gap={4}>
              <Cell size={12}>
                <ChoiceField
                  name="field"
                  value={values.field ?? null}
                  error={errors.field}
                  onChange={change}
                  label={t('dupSearch.field', 'Field')}
                  hint={t('dupSearch.field.hint', 'The contact field the search string is taken from.')}
                  blankLabel={t('dupSearch.field.blank', 'Choose a field')}
                  choices={meta.fields.map((f) => ({ value: f.value, label: fieldName(f.value) }))}
                />
              </Cell>
              <Cell>
                <ChoiceField
                  name="part"
                  value={values.part ?? null}
                  error={errors.part}
                  onChange={change}
                  label={t('dupSearch.part', 'Part of the field')}
                  hint={t('dupSearch.part.hint', 'Take the first or the last characters.')}
                  blankLabel={t('dupSearch.part.blank', 'Choose first or last')}
                  choices={[
                    { value: 'first', label: t('dupSearch.part.first', 'First') },
                    { value: 'last', label: t('dupSearch.part.last', 'Last') },
                  ]}
                />
              </Cell>
              <Cell>
                <NumberField
                  name="length"
                  value={values.length ?? null}
                  error={errors.length}
                  onChange={change}
                  label={t('dupSearch.length', 'Length')}
                  hint={t('dupSearch.length.hint', 'How many characters, from {min} to {max}.', {
                    min: meta.lengthMin,
                    max: meta.lengthMax,
                  })}
                />
              </Cell>
              {general && (
                <Cell size={12}>
                  <Typography variant="pi" textColor="danger600" data-testid="search-line-error">
                    {general}
                  </Typography>
                </Cell>
              )}
            </Grid.Root>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('action.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={busy} data-testid="search-line-submit">
              {line ? t('action.save', 'Save') : t('action.create', 'Create')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};

/* -------------------------------------------------------------------------------------------------
 * The lines
 * -----------------------------------------------------------------------------------------------*/

const DuplicateSearchLines = () => {
  const t = useT();
  const { get } = useFetchClient();
  const problemOf = useProblemOf();
  const confirmedDelete = useConfirmedDelete();
  const {
    allowedActions: { canUpdate },
    isLoading: loadingRBAC,
  } = useRBAC(PERMISSIONS.update);
  const [lines, setLines] = React.useState<SearchLine[] | null>(null);
  const [meta, setMeta] = React.useState<LinesMeta | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [editing, setEditing] = React.useState<{ line: SearchLine | null } | null>(null);
  const [deleting, setDeleting] = React.useState<SearchLine | null>(null);
  const fieldName = useFieldName(meta);

  const load = React.useCallback(async () => {
    try {
      const { data } = await get<{ data: SearchLine[]; meta: LinesMeta }>(`${API}/duplicate-search-lines`);
      setLines(data.data);
      setMeta(data.meta);
    } catch (err) {
      setLoadError(problemOf(err).message);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  React.useEffect(() => {
    load();
  }, [load]);

  if (loadError) return <Page.Error />;
  if (!lines || !meta || loadingRBAC) return <Page.Loading />;

  const deleteLine = async () => {
    if (!deleting) return;
    await confirmedDelete(`${API}/duplicate-search-lines/${deleting.documentId}`, {
      done: t('dupSearch.deleted', 'The search-string line was deleted.'),
      then: load,
      close: () => setDeleting(null),
    });
  };

  const headers = [
    t('dupSearch.field', 'Field'),
    t('dupSearch.part', 'Part of the field'),
    t('dupSearch.length', 'Length'),
  ];

  return (
    <SettingsListPage
      pageTitle={t('dupSearch.page.title', 'Duplicate search')}
      title={t('dupSearch.header.title', 'Duplicate search')}
      subtitle={t(
        'dupSearch.header.subtitle',
        'Which part of which contact field makes a search string. Two contacts that share enough strings are duplicates.',
      )}
      create={
        canUpdate
          ? {
              label: t('dupSearch.create', 'Add line'),
              onClick: () => setEditing({ line: null }),
              testId: 'search-line-create',
            }
          : undefined
      }
      overlays={
        <>
          <LineModal
            line={editing?.line ?? null}
            open={!!editing}
            meta={meta}
            onClose={() => setEditing(null)}
            onSaved={async () => {
              setEditing(null);
              await load();
            }}
          />
          <ConfirmAction open={!!deleting} onCancel={() => setDeleting(null)} onConfirm={deleteLine} variant="danger">
            {t('dupSearch.delete.confirm', 'Delete this line? The strings stored for it are removed.')}
          </ConfirmAction>
        </>
      }
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Explainer padding={3}>
          {t(
            'dupSearch.note',
            'Changing or deleting a line removes the strings stored for it. Regenerate the search strings (Configuration → Duplicates) so that existing contacts are compared with the new lines.',
          )}{' '}
          <Link tag={NavLink} to={PATHS.settings}>
            {t('dupSearch.note.link', 'Go to Configuration')}
          </Link>
        </Explainer>
        <RecordTable
          headers={headers}
          rowCount={lines.length}
          withActions
          empty={
            <EmptyStateLayout
              content={t('dupSearch.empty', 'There are no search-string lines: only the fuzzy rule finds duplicates.')}
            />
          }
        >
          {lines.map((line) => (
            <Tr key={line.documentId} data-testid={`search-line-${line.field}-${line.part}`}>
              <Td>
                <Typography fontWeight="semiBold">{fieldName(line.field)}</Typography>
              </Td>
              <Td>
                <Typography>
                  {line.part === 'first' ? t('dupSearch.part.first', 'First') : t('dupSearch.part.last', 'Last')}
                </Typography>
              </Td>
              <Td>
                <Typography>{line.length}</Typography>
              </Td>
              <Td>
                {canUpdate && (
                  <RowActions
                    editLabel={t('dupSearch.edit', 'Edit line')}
                    onEdit={() => setEditing({ line })}
                    deleteLabel={t('dupSearch.delete', 'Delete line')}
                    onDelete={() => setDeleting(line)}
                  />
                )}
              </Td>
            </Tr>
          ))}
        </RecordTable>
      </Flex>
    </SettingsListPage>
  );
};

const DuplicateSearchPage = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <DuplicateSearchLines />
  </Page.Protect>
);

export default DuplicateSearchPage;
