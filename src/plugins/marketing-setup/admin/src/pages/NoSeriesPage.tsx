import * as React from 'react';
import {
  BackButton,
  Blocker,
  Form,
  Layouts,
  Page,
  useFetchClient,
  useNotification,
  useRBAC,
  type FormErrors,
  type FormHelpers,
} from '@strapi/strapi/admin';
import { Badge, Button, Flex, Td, Tr, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { ConfirmAction, useConfirmedWrite } from '../components/ConfirmAction';
import { useT } from '../components/contact-panels/shared';
import { Cell, DateField, NumberField, Section, TextField, ToggleField } from '../components/fields';
import { FormModal } from '../components/FormModal';
import { EmptyList, RecordTable, RowActions, YesNo } from '../components/RecordTable';
import { SaveButton, SettingsListPage } from '../components/SettingsListPage';
import { PERMISSIONS } from '../permissions';
import { PATHS } from '../pluginId';
import { API, changedFields, useProblemOf } from '../utils/api';
import {
  LINE_FIELDS,
  type SeriesDetail,
  type SeriesLine,
  type SeriesSummary,
} from '../../../shared/contracts/no-series';

/** The next number, or in red why the series cannot hand one out. */
const NextNo = ({ no, error, testId }: { no: string | null; error: string | null; testId?: string }) => {
  const t = useT();
  return no ? (
    <Badge active data-testid={testId}>
      {no}
    </Badge>
  ) : (
    <Typography variant="pi" textColor="danger600" data-testid={testId}>
      {error ?? t('numbering.none', 'none')}
    </Typography>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Create a series (modal)
 * -----------------------------------------------------------------------------------------------*/

/** The values of the create form: the code and the description. */
type NewSeriesValues = { code: string | null; description: string | null };
const NEW_SERIES: NewSeriesValues = { code: null, description: null };

const CreateSeriesModal = ({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (s: SeriesDetail) => void;
}) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();

  const create = async (values: NewSeriesValues) => {
    const { data } = await post<{ data: SeriesDetail }>(`${API}/no-series`, values);
    toggleNotification({
      type: 'success',
      message: t('series.created', 'Number series {code} was created.', { code: data.data.code }),
    });
    onCreated(data.data);
  };

  return (
    <FormModal
      open={open}
      title={t('series.create.title', 'New number series')}
      initialValues={NEW_SERIES}
      submitLabel={t('action.create', 'Create')}
      onClose={onClose}
      onSubmit={create}
      submitTestId="series-create-submit"
    >
      {({ field }) => (
        <>
          <Cell size={12}>
            <TextField
              {...field('code')}
              required
              label={t('series.field.code', 'Code')}
              hint={t('series.field.code.hint', 'Short unique name of the series, for example CONT.')}
            />
          </Cell>
          <Cell size={12}>
            <TextField
              {...field('description')}
              label={t('series.field.description', 'Description')}
              hint={t('series.field.description.hint', 'What the series numbers, in words.')}
            />
          </Cell>
        </>
      )}
    </FormModal>
  );
};

/* -------------------------------------------------------------------------------------------------
 * List
 * -----------------------------------------------------------------------------------------------*/

const SeriesList = () => {
  const t = useT();
  const { get } = useFetchClient();
  const navigate = useNavigate();
  const problemOf = useProblemOf();
  const {
    allowedActions: { canUpdate },
  } = useRBAC(PERMISSIONS.update);
  const [rows, setRows] = React.useState<SeriesSummary[] | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [creating, setCreating] = React.useState(false);

  React.useEffect(() => {
    get<{ data: SeriesSummary[] }>(`${API}/no-series`)
      .then(({ data }) => setRows(data.data))
      .catch((err) => setLoadError(problemOf(err).message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (loadError) return <Page.Error />;
  if (!rows) return <Page.Loading />;

  const headers = [
    t('series.field.code', 'Code'),
    t('series.field.description', 'Description'),
    t('series.field.defaultNos', 'Default numbers'),
    t('series.field.manualNos', 'Manual numbers'),
    t('series.field.dateOrder', 'Date order'),
    t('series.lines', 'Lines'),
    t('numbering.nextShort', 'Next number'),
  ];

  return (
    <SettingsListPage
      pageTitle={t('series.page.title', 'Number series')}
      title={t('series.header.title', 'Number series')}
      subtitle={t('series.header.subtitle', 'The series that number contacts, opportunities and other records.')}
      create={
        canUpdate
          ? {
              label: t('series.create', 'New number series'),
              onClick: () => setCreating(true),
              testId: 'series-create',
            }
          : undefined
      }
      overlays={
        <CreateSeriesModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(s) => navigate(`${PATHS.noSeries}/${s.documentId}`)}
        />
      }
    >
      <RecordTable
        headers={headers}
        rowCount={rows.length}
        empty={
          <EmptyList
            content={t('series.empty', 'There are no number series yet.')}
            create={
              canUpdate
                ? { label: t('series.create', 'New number series'), onClick: () => setCreating(true) }
                : undefined
            }
          />
        }
      >
        {rows.map((row) => (
          <Tr
            key={row.documentId}
            data-testid={`series-row-${row.code}`}
            onClick={() => navigate(`${PATHS.noSeries}/${row.documentId}`)}
            style={{ cursor: 'pointer' }}
          >
            <Td>
              <Typography fontWeight="bold">{row.code}</Typography>
            </Td>
            <Td>
              <Typography>{row.description ?? ''}</Typography>
            </Td>
            <Td>
              <YesNo value={row.defaultNos} />
            </Td>
            <Td>
              <YesNo value={row.manualNos} />
            </Td>
            <Td>
              <YesNo value={row.dateOrder} />
            </Td>
            <Td>
              <Typography>{row.lineCount}</Typography>
            </Td>
            <Td>
              <NextNo no={row.nextNo} error={row.nextNoError} />
            </Td>
          </Tr>
        ))}
      </RecordTable>
    </SettingsListPage>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Line editor (modal)
 * -----------------------------------------------------------------------------------------------*/

/** The line's fields that the form edits: all but Last Date Used, which numbering sets. */
type LineField = Exclude<(typeof LINE_FIELDS)[number], 'lastDateUsed'>;
const FORM_LINE_FIELDS = LINE_FIELDS.filter((f): f is LineField => f !== 'lastDateUsed');
/** The values of the line form: the line's fields that the form edits. */
type LineValues = Pick<SeriesLine, LineField>;
const NEW_LINE: LineValues = {
  lineNo: null,
  startingDate: null,
  startingNo: null,
  endingNo: null,
  warningNo: null,
  incrementBy: 1,
  lastNoUsed: null,
  open: true,
  allowGaps: false,
};

const LineModal = ({
  series,
  line,
  open,
  onClose,
  onSaved,
}: {
  series: SeriesDetail;
  line: SeriesLine | null;
  open: boolean;
  onClose: () => void;
  onSaved: (s: SeriesDetail) => void;
}) => {
  const t = useT();
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const initial = React.useMemo(
    (): LineValues =>
      line ? (Object.fromEntries(FORM_LINE_FIELDS.map((f) => [f, line[f] ?? null])) as LineValues) : { ...NEW_LINE },
    [line],
  );

  const save = async (values: LineValues) => {
    const { data } = line
      ? await put<{ data: SeriesDetail }>(`${API}/no-series-lines/${line.documentId}`, changedFields(initial, values))
      : await post<{ data: SeriesDetail }>(`${API}/no-series/${series.documentId}/lines`, values);
    toggleNotification({
      type: 'success',
      message: line ? t('line.saved', 'The line was saved.') : t('line.created', 'The line was added.'),
    });
    onSaved(data.data);
  };

  return (
    <FormModal
      open={open}
      title={
        line
          ? t('line.edit.title', 'Edit line of {code}', { code: series.code })
          : t('line.create.title', 'New line for {code}', { code: series.code })
      }
      initialValues={initial}
      submitLabel={line ? t('action.save', 'Save') : t('action.create', 'Create')}
      onClose={onClose}
      onSubmit={save}
      testId="line-form"
      submitTestId="line-submit"
    >
      {({ field: f }) => (
        <>
          <Cell>
            <DateField
              {...f('startingDate')}
              label={t('line.field.startingDate', 'Starting date')}
              hint={t('line.field.startingDate.hint', 'The line is used from this date on; blank means always.')}
            />
          </Cell>
          <Cell>
            <NumberField
              {...f('lineNo')}
              label={t('line.field.lineNo', 'Line number')}
              hint={t('line.field.lineNo.hint', 'Order among the lines; blank puts the line last.')}
            />
          </Cell>
          <Cell>
            <TextField
              {...f('startingNo')}
              label={t('line.field.startingNo', 'Starting number')}
              hint={t('line.field.startingNo.hint', 'First number handed out, for example CT000001.')}
            />
          </Cell>
          <Cell>
            <TextField
              {...f('endingNo')}
              label={t('line.field.endingNo', 'Ending number')}
              hint={t('line.field.endingNo.hint', 'Last number that may be handed out; blank means no end.')}
            />
          </Cell>
          <Cell>
            <TextField
              {...f('warningNo')}
              label={t('line.field.warningNo', 'Warning number')}
              hint={t('line.field.warningNo.hint', 'From this number on, users are warned that the series runs out.')}
            />
          </Cell>
          <Cell>
            <NumberField
              {...f('incrementBy')}
              label={t('line.field.incrementBy', 'Increment by')}
              hint={t('line.field.incrementBy.hint', 'Step between two numbers, usually 1.')}
            />
          </Cell>
          <Cell>
            <TextField
              {...f('lastNoUsed')}
              label={t('line.field.lastNoUsed', 'Last number used')}
              hint={t('line.field.lastNoUsed.hint', 'The number handed out last; the next one follows it.')}
            />
          </Cell>
          <Cell size={3}>
            <ToggleField
              {...f('open')}
              label={t('line.field.open', 'Open')}
              hint={t('line.field.open.hint', 'Closed lines hand out no numbers.')}
            />
          </Cell>
          <Cell size={3}>
            <ToggleField
              {...f('allowGaps')}
              label={t('line.field.allowGaps', 'Allow gaps')}
              hint={t('line.field.allowGaps.hint', 'Faster; a failed save may skip a number.')}
            />
          </Cell>
        </>
      )}
    </FormModal>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Detail: the series and its lines
 * -----------------------------------------------------------------------------------------------*/

const SERIES_FIELDS = ['code', 'description', 'defaultNos', 'manualNos', 'dateOrder'] as const;
/** The values of the series form: the series' own fields. */
type SeriesValues = Pick<SeriesDetail, (typeof SERIES_FIELDS)[number]>;
const seriesValues = (s: SeriesDetail): SeriesValues =>
  Object.fromEntries(SERIES_FIELDS.map((f) => [f, s[f] ?? null])) as SeriesValues;

const SeriesEdit = () => {
  const t = useT();
  const { documentId } = useParams<{ documentId: string }>();
  const { get, put, del } = useFetchClient();
  const problemOf = useProblemOf();
  const { toggleNotification } = useNotification();
  const confirmedWrite = useConfirmedWrite();
  const {
    allowedActions: { canUpdate },
    isLoading: loadingRBAC,
  } = useRBAC(PERMISSIONS.update);
  const [series, setSeries] = React.useState<SeriesDetail | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [editing, setEditing] = React.useState<{ line: SeriesLine | null } | null>(null);
  const [deleting, setDeleting] = React.useState<SeriesLine | null>(null);

  React.useEffect(() => {
    get<{ data: SeriesDetail }>(`${API}/no-series/${documentId}`)
      .then(({ data }) => setSeries(data.data))
      .catch((err) => setLoadError(problemOf(err).message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId]);

  const initialValues = React.useMemo(() => (series ? seriesValues(series) : null), [series]);

  if (loadError) return <Page.Error />;
  if (!series || !initialValues || loadingRBAC) return <Page.Loading />;
  const readOnly = !canUpdate;

  const handleSubmit = async (values: SeriesValues, { setErrors, resetForm }: FormHelpers<SeriesValues>) => {
    try {
      const { data } = await put<{ data: SeriesDetail }>(
        `${API}/no-series/${series.documentId}`,
        changedFields(initialValues, values),
      );
      resetForm(seriesValues(data.data));
      setSeries(data.data);
      toggleNotification({ type: 'success', message: t('series.saved', 'The number series was saved.') });
    } catch (err) {
      const problem = problemOf(err);
      setErrors(problem.fields);
      toggleNotification({ type: 'danger', message: problem.message });
    }
  };

  const deleteLine = async () => {
    if (!deleting) return;
    await confirmedWrite({
      write: async () => {
        const { data } = await del<{ data: SeriesDetail }>(`${API}/no-series-lines/${deleting.documentId}`);
        setSeries(data.data);
        return t('line.deleted', 'The line was deleted.');
      },
      close: () => setDeleting(null),
    });
  };

  // Short column titles so that the whole line fits; the edit dialog has the full labels and hints.
  const lineHeaders = [
    t('line.col.startingDate', 'Start date'),
    t('line.col.startingNo', 'Start no.'),
    t('line.col.endingNo', 'End no.'),
    t('line.col.warningNo', 'Warning no.'),
    t('line.col.incrementBy', 'Step'),
    t('line.col.lastNoUsed', 'Last used'),
    t('line.col.open', 'Open'),
    t('line.col.allowGaps', 'Gaps'),
  ];

  return (
    <Page.Main>
      <Page.Title>{t('series.edit.page.title', 'Number series {code}', { code: series.code })}</Page.Title>
      <Form method="PUT" initialValues={initialValues} onSubmit={handleSubmit} disabled={readOnly}>
        {({ values, errors, onChange, modified, isSubmitting, setErrors }) => {
          const change = (name: string, value: unknown) => {
            onChange(name, value);
            const byName = errors as Record<string, unknown>;
            if (byName[name]) {
              const { [name]: _gone, ...rest } = byName;
              setErrors(rest as FormErrors<SeriesValues>);
            }
          };
          const f = <K extends keyof SeriesValues>(name: K) => ({
            name,
            value: values[name],
            onChange: change,
            disabled: readOnly,
            error: typeof errors[name] === 'string' ? (errors[name] as string) : undefined,
          });
          return (
            <>
              <Layouts.Header
                navigationAction={<BackButton fallback={PATHS.noSeries} />}
                title={series.code}
                subtitle={
                  series.description ??
                  t('series.header.subtitle', 'The series that number contacts, opportunities and other records.')
                }
                primaryAction={
                  <SaveButton disabled={readOnly || !modified} loading={isSubmitting} testId="series-save" />
                }
              />
              <Layouts.Content>
                <Flex direction="column" alignItems="stretch" gap={6}>
                  <Section
                    id="series"
                    title={t('series.section', 'Series')}
                    subtitle={t('series.section.subtitle', 'How numbers of this series may be used.')}
                    action={
                      <Flex gap={2} alignItems="center" data-testid="series-next">
                        <Typography variant="pi" textColor="neutral600">
                          {t('numbering.next', 'Next number:')}
                        </Typography>
                        <NextNo no={series.nextNo} error={series.nextNoError} testId="series-next-no" />
                      </Flex>
                    }
                  >
                    <Cell>
                      <TextField
                        {...f('code')}
                        required
                        label={t('series.field.code', 'Code')}
                        hint={t('series.field.code.hint', 'Short unique name of the series, for example CONT.')}
                      />
                    </Cell>
                    <Cell>
                      <TextField
                        {...f('description')}
                        label={t('series.field.description', 'Description')}
                        hint={t('series.field.description.hint', 'What the series numbers, in words.')}
                      />
                    </Cell>
                    <Cell size={4}>
                      <ToggleField
                        {...f('defaultNos')}
                        label={t('series.field.defaultNos', 'Default numbers')}
                        hint={t(
                          'series.field.defaultNos.hint',
                          'New records get their number from this series automatically.',
                        )}
                      />
                    </Cell>
                    <Cell size={4}>
                      <ToggleField
                        {...f('manualNos')}
                        label={t('series.field.manualNos', 'Manual numbers')}
                        hint={t('series.field.manualNos.hint', 'Users may type a number of their own.')}
                      />
                    </Cell>
                    <Cell size={4}>
                      <ToggleField
                        {...f('dateOrder')}
                        label={t('series.field.dateOrder', 'Date order')}
                        hint={t('series.field.dateOrder.hint', 'Numbers must be handed out in date order.')}
                      />
                    </Cell>
                  </Section>

                  <Section
                    id="lines"
                    grid={false}
                    title={t('series.lines', 'Lines')}
                    subtitle={t(
                      'series.lines.subtitle',
                      'Number ranges of the series; the open line with the latest starting date up to today is used.',
                    )}
                    action={
                      canUpdate && (
                        <Button
                          variant="secondary"
                          startIcon={<Plus />}
                          size="S"
                          onClick={() => setEditing({ line: null })}
                          data-testid="line-create"
                        >
                          {t('line.create', 'Add line')}
                        </Button>
                      )
                    }
                  >
                    <RecordTable
                      headers={lineHeaders}
                      rowCount={series.lines.length}
                      withActions
                      empty={
                        <Typography textColor="neutral600" data-testid="lines-empty">
                          {t(
                            'series.lines.empty',
                            'This series has no lines yet, so it cannot hand out numbers. Add a line with a starting number.',
                          )}
                        </Typography>
                      }
                    >
                      {series.lines.map((line, i) => (
                        <Tr key={line.documentId} data-testid={`line-row-${i}`}>
                          <Td>
                            <Typography>{line.startingDate ?? '—'}</Typography>
                          </Td>
                          <Td>
                            <Typography>{line.startingNo ?? '—'}</Typography>
                          </Td>
                          <Td>
                            <Typography>{line.endingNo ?? '—'}</Typography>
                          </Td>
                          <Td>
                            <Typography>{line.warningNo ?? '—'}</Typography>
                          </Td>
                          <Td>
                            <Typography>{line.incrementBy ?? 1}</Typography>
                          </Td>
                          <Td>
                            <Flex direction="column" alignItems="flex-start">
                              <Typography>{line.lastNoUsed ?? '—'}</Typography>
                              {line.lastDateUsed && (
                                <Typography variant="pi" textColor="neutral600">
                                  {t('line.lastDateUsed', 'on {date}', { date: line.lastDateUsed })}
                                </Typography>
                              )}
                            </Flex>
                          </Td>
                          <Td>
                            <YesNo value={line.open} />
                          </Td>
                          <Td>
                            <YesNo value={line.allowGaps} />
                          </Td>
                          <Td>
                            {canUpdate && (
                              <RowActions
                                editLabel={t('line.edit', 'Edit line')}
                                onEdit={() => setEditing({ line })}
                                deleteLabel={t('line.delete', 'Delete line')}
                                onDelete={() => setDeleting(line)}
                              />
                            )}
                          </Td>
                        </Tr>
                      ))}
                    </RecordTable>
                  </Section>
                </Flex>
              </Layouts.Content>
              <Blocker />
            </>
          );
        }}
      </Form>
      <LineModal
        series={series}
        line={editing?.line ?? null}
        open={!!editing}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          setSeries(s);
          setEditing(null);
        }}
      />
      <ConfirmAction open={!!deleting} onCancel={() => setDeleting(null)} onConfirm={deleteLine} variant="danger">
        {t('line.delete.confirm', 'Delete this line? Numbers already handed out stay as they are.')}
      </ConfirmAction>
    </Page.Main>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Routes: /settings/marketing-setup/no-series and /settings/marketing-setup/no-series/:documentId
 * -----------------------------------------------------------------------------------------------*/

const NoSeriesPage = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <Routes>
      <Route index element={<SeriesList />} />
      <Route path=":documentId" element={<SeriesEdit />} />
    </Routes>
  </Page.Protect>
);

export default NoSeriesPage;
