import * as React from 'react';
import { useIntl } from 'react-intl';
import { RecordTable } from '../components/RecordTable';
import { Pager } from '../components/duplicates/Pager';
import { Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  Grid,
  SingleSelect,
  SingleSelectOption,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useT } from '../components/contact-panels/shared';
import { Explainer, SettingsListPage } from '../components/SettingsListPage';
import { API, useProblemOf } from '../utils/api';
import { downloadText } from '../components/import-export/ExportBulkAction';

interface FieldOption {
  field: string;
  label: string;
  labelNl: string;
}
interface Analysis {
  headers: string[];
  suggestions: Record<string, string | null>;
  sample: Record<string, string>[];
  total: number;
  fields: FieldOption[];
}
type Outcome = 'created' | 'updated' | 'unchanged' | 'possibleDuplicate' | 'error';
interface RowResult {
  row: number;
  outcome: Outcome;
  contact?: { documentId: string | null; no: string | null; name: string | null; previousName?: string | null } | null;
  matchedBy?: string | null;
  /** The earlier row of the file this row repeats. */
  sameAsRow?: number;
  duplicates?: { documentId: string; no: string | null; name: string | null; hitPercent: number; fuzzyScore: number }[];
  error?: string;
}
interface DryRun {
  total: number;
  evaluated: number;
  counts: Record<Outcome, number>;
  rows: RowResult[];
}
type JobState = 'running' | 'done' | 'failed' | 'cancelled';
interface Job {
  id: number;
  state: JobState;
  fileName?: string | null;
  createdAt?: string | null;
  finishedAt?: string | null;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  error: string | null;
  /** The running import this one waits for (imports run one at a time). */
  waitingFor?: number | null;
}

const SKIP = '__skip__';
/** Rows of the dry-run table on one page. */
const DRY_PAGE_SIZE = 50;
const STATE_VARIANT: Record<JobState, 'primary' | 'success' | 'danger' | 'neutral'> = {
  running: 'primary',
  done: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};
const OUTCOME_VARIANT: Record<Outcome, 'success' | 'secondary' | 'neutral' | 'warning' | 'danger'> = {
  created: 'success',
  updated: 'secondary',
  unchanged: 'neutral',
  possibleDuplicate: 'warning',
  error: 'danger',
};

/**
 * The file goes as it is, in a multipart form (with the mapping as JSON text): a JSON body is capped at 1 MB by
 * Strapi's body parser, which a spreadsheet of 20,000 contacts passes, and the server reads the file's own bytes
 * (UTF-8, or Excel's Windows-1252).
 */
function uploadOf(file: File, mapping?: Record<string, string | null>): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  return form;
}

/**
 * The list with `job` in it: in its place when listed, else first (a new job has the highest id). A poll that was
 * under way while the job was cancelled answers "running" after the cancel's "cancelled": a job that ended never
 * runs again, so that late answer is ignored.
 */
function withJob(list: Job[], job: Job): Job[] {
  if (!list.some((j) => j.id === job.id)) return [job, ...list];
  return list.map((j) => (j.id === job.id ? newer(j, job) : j));
}
const newer = (before: Job | null, after: Job): Job =>
  before && before.id === after.id && before.state !== 'running' && after.state === 'running' ? before : after;

/** Settings → Marketing Setup → Import: upload a CSV, map its columns, dry run, run the job and follow it. */
const ImportPage = () => {
  const t = useT();
  const { formatDate, locale } = useIntl();
  const { post, get } = useFetchClient();
  const problemOf = useProblemOf();
  const { toggleNotification } = useNotification();
  const fileInput = React.useRef<HTMLInputElement>(null);
  const [file, setFile] = React.useState<File | null>(null);
  const [analysis, setAnalysis] = React.useState<Analysis | null>(null);
  const [mapping, setMapping] = React.useState<Record<string, string | null>>({});
  const [dry, setDry] = React.useState<DryRun | null>(null);
  const [dryFilter, setDryFilter] = React.useState<Outcome | null>(null);
  const [dryPage, setDryPage] = React.useState(1);
  /** The job followed (progress, counts, Cancel, the refused rows), and the admin's latest jobs, newest first. */
  const [job, setJob] = React.useState<Job | null>(null);
  const [jobs, setJobs] = React.useState<Job[]>([]);
  /** The job started from the file chosen now: Run import stays off while it runs and once it is done. */
  const [startedId, setStartedId] = React.useState<number | null>(null);
  const [busy, setBusy] = React.useState<'analyse' | 'dry' | 'run' | null>(null);
  const [cancelling, setCancelling] = React.useState(false);
  const [problem, setProblem] = React.useState<string | null>(null);
  /** Set once a file is chosen: the recent jobs, when they arrive later, no longer pick the job followed. */
  const touched = React.useRef(false);

  const fail = (err: unknown) => {
    const p = problemOf(err);
    setProblem(p.message);
    toggleNotification({ type: 'danger', message: p.message });
  };

  /** A job's latest status: followed when `follow` (or already followed), and in the recent list. */
  const remember = (fresh: Job, follow = false) => {
    setJob((cur) => (follow || cur?.id === fresh.id ? newer(cur, fresh) : cur));
    setJobs((list) => withJob(list, fresh));
  };

  // On load (a reload, a second tab): the admin's latest imports; the newest is followed, so a running one can be
  // watched to its end and a finished one's refused rows downloaded.
  React.useEffect(() => {
    let live = true;
    get<{ data: Job[] }>(`${API}/contacts/import/jobs`)
      .then(({ data }) => {
        if (!live) return;
        setJobs(data.data);
        if (!touched.current && data.data[0]) setJob((cur) => cur ?? data.data[0]);
      })
      // The list is a convenience: without it the page still imports (the role's problem shows on the first upload).
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    if (!chosen) return;
    e.target.value = ''; // so the same file can be chosen again (a new job for it after one is done)
    touched.current = true;
    setProblem(null);
    setDry(null);
    setJob(null);
    setStartedId(null);
    setAnalysis(null);
    setFile(chosen);
    setBusy('analyse');
    try {
      const { data } = await post<{ data: Analysis }>(`${API}/contacts/import/analyse`, uploadOf(chosen));
      setAnalysis(data.data);
      setMapping(data.data.suggestions);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const dryRun = async () => {
    setBusy('dry');
    setProblem(null);
    setDry(null);
    setDryFilter(null);
    setDryPage(1);
    try {
      const { data } = await post<{ data: DryRun }>(`${API}/contacts/import/dry-run`, uploadOf(file!, mapping));
      setDry(data.data);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const run = async () => {
    setBusy('run');
    setProblem(null);
    try {
      const { data } = await post<{ data: Job }>(`${API}/contacts/import/jobs`, uploadOf(file!, mapping));
      setStartedId(data.data.id);
      remember(data.data, true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  /** Cancel: the job stops after the chunk in hand; the answer holds its final counts. */
  const cancel = async () => {
    if (!job) return;
    setCancelling(true);
    setProblem(null);
    try {
      const { data } = await post<{ data: Job }>(`${API}/contacts/import/jobs/${job.id}/cancel`);
      remember(data.data);
    } catch (err) {
      fail(err); // e.g. it was done just before the click: the next poll shows it done
    } finally {
      setCancelling(false);
    }
  };

  // Polls the followed job once a second while it runs.
  React.useEffect(() => {
    if (!job || job.state !== 'running') return undefined;
    const timer = setTimeout(async () => {
      try {
        const { data } = await get<{ data: Job }>(`${API}/contacts/import/jobs/${job.id}`);
        remember(data.data);
      } catch (err) {
        fail(err);
      }
    }, 1000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job]);

  // Other jobs of the list still running (another tab's, a colleague's seen by a role that sees all): the list is
  // read again every few seconds until none is, so their states and counts do not stand still.
  const othersRunning = jobs.some((j) => j.state === 'running' && j.id !== job?.id);
  React.useEffect(() => {
    if (!othersRunning) return undefined;
    const timer = setTimeout(async () => {
      try {
        const { data } = await get<{ data: Job[] }>(`${API}/contacts/import/jobs`);
        setJobs((list) => data.data.map((fresh) => newer(list.find((j) => j.id === fresh.id) ?? null, fresh)));
      } catch {
        // A convenience, as on load: the next change of the list tries again.
      }
    }, 3000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobs, othersRunning]);

  const downloadErrors = async () => {
    if (!job) return;
    try {
      const { data } = await get<string>(`${API}/contacts/import/jobs/${job.id}/errors`, {
        responseType: 'text',
      });
      downloadText(typeof data === 'string' ? data : String(data), `contact-import-${job.id}-errors.csv`);
    } catch (err) {
      fail(err);
    }
  };

  /** A field's caption in the admin's language (the Content Manager's labels). */
  const label = (f: FieldOption) => (locale?.startsWith('nl') ? f.labelNl : f.label);
  const labelOf = (field: string) => {
    const option = analysis?.fields.find((f) => f.field === field);
    return option ? label(option) : field;
  };
  const percent = job && job.total ? Math.round((job.processed / job.total) * 100) : 0;
  const startedState = startedId === null ? null : (jobs.find((j) => j.id === startedId)?.state ?? null);
  const when = (iso: string | null | undefined) =>
    iso ? formatDate(iso, { dateStyle: 'short', timeStyle: 'medium' } as Intl.DateTimeFormatOptions) : '';
  const counts = (j: Job) =>
    t(
      'import.job.counts',
      '{processed} of {total} rows: {created} created, {updated} updated, {unchanged} unchanged, {failed} failed',
      {
        processed: j.processed,
        total: j.total,
        created: j.created,
        updated: j.updated,
        unchanged: j.unchanged,
        failed: j.failed,
      },
    );

  // The dry run's rows: all of them or those of one outcome, a page at a time.
  const dryRows = dry ? (dryFilter ? dry.rows.filter((r) => r.outcome === dryFilter) : dry.rows) : [];
  const dryPageCount = Math.max(1, Math.ceil(dryRows.length / DRY_PAGE_SIZE));
  const page = Math.min(dryPage, dryPageCount);
  const shownRows = dryRows.slice((page - 1) * DRY_PAGE_SIZE, page * DRY_PAGE_SIZE);
  const filterBy = (o: Outcome | null) => {
    setDryFilter(o);
    setDryPage(1);
  };
  /** A count badge that is also the filter on its outcome (click again: every row). */
  const filterButton = (key: string, pressed: boolean, onClick: () => void, badge: React.ReactNode) => (
    <button
      key={key}
      type="button"
      onClick={onClick}
      aria-pressed={pressed}
      data-testid={`import-dry-filter-${key}`}
      style={{
        background: 'none',
        border: 'none',
        padding: 2,
        cursor: 'pointer',
        borderRadius: 4,
        outline: pressed ? '2px solid #4945ff' : 'none',
      }}
    >
      {badge}
    </button>
  );

  return (
    <SettingsListPage
      pageTitle={t('import.title', 'Import contacts')}
      title={t('import.title', 'Import contacts')}
      subtitle={t('import.subtitle', 'Contacts from a CSV file, through the same rules as any other write.')}
    >
      <Flex direction="column" alignItems="stretch" gap={6}>
        <Explainer>
          {t(
            'import.explainer',
            'Each row creates a contact, or updates the one with the same No., else the same VAT Registration No., else the same e-mail. Numbering, defaults, inheritance and the duplicate search apply to every row. A blank cell leaves the field as it is. Try a dry run first: it writes nothing.',
          )}
        </Explainer>

        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <Field.Root
            name="file"
            hint={t('import.file.hint', 'A header line, then one contact per line; comma, semicolon or tab.')}
          >
            <Field.Label>{t('import.file', 'CSV file')}</Field.Label>
            {/* The browser's own input says "No file chosen" once it is cleared for the next choice: the name is shown beside the button instead. */}
            <input
              ref={fileInput}
              type="file"
              accept=".csv,text/csv"
              onChange={onFile}
              data-testid="import-file"
              style={{ display: 'none' }}
            />
            <Flex gap={3} alignItems="center" wrap="wrap">
              <Button
                variant="secondary"
                onClick={() => fileInput.current?.click()}
                loading={busy === 'analyse'}
                data-testid="import-file-choose"
              >
                {file ? t('import.file.other', 'Choose another file') : t('import.file.choose', 'Choose a file')}
              </Button>
              <Typography textColor={file ? 'neutral800' : 'neutral500'} data-testid="import-file-name">
                {file
                  ? analysis
                    ? t('import.file.chosen', '{name} — {n} rows', { name: file.name, n: analysis.total })
                    : file.name
                  : t('import.file.none', 'No file chosen yet')}
              </Typography>
            </Flex>
            <Field.Hint />
          </Field.Root>
          {problem && (
            <Box paddingTop={3}>
              <Typography textColor="danger600" data-testid="import-problem">
                {problem}
              </Typography>
            </Box>
          )}
        </Box>

        {analysis && (
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="import-mapping">
            <Typography variant="delta" tag="h2">
              {t('import.mapping', 'Columns')} — {file?.name} — {t('import.rows', '{n} rows', { n: analysis.total })}
            </Typography>
            <Box paddingTop={4}>
              <Grid.Root gap={4}>
                {analysis.headers.map((h) => (
                  <Grid.Item key={h} col={4} s={12} direction="column" alignItems="stretch">
                    <Field.Root name={`map-${h}`}>
                      <Field.Label>{h}</Field.Label>
                      <SingleSelect
                        value={mapping[h] ?? SKIP}
                        onChange={(v: string | number) =>
                          setMapping({ ...mapping, [h]: v === SKIP ? null : String(v) })
                        }
                        data-testid={`import-map-${h}`}
                      >
                        <SingleSelectOption value={SKIP}>{t('import.skip', '— skip this column —')}</SingleSelectOption>
                        {analysis.fields.map((f) => (
                          <SingleSelectOption key={f.field} value={f.field}>
                            {label(f)}
                          </SingleSelectOption>
                        ))}
                      </SingleSelect>
                    </Field.Root>
                  </Grid.Item>
                ))}
              </Grid.Root>
            </Box>
            <Flex paddingTop={4} gap={2}>
              <Button
                variant="secondary"
                onClick={dryRun}
                loading={busy === 'dry'}
                disabled={!file || busy !== null}
                data-testid="import-dry-run"
              >
                {t('import.dryRun', 'Dry run')}
              </Button>
              <Button
                onClick={run}
                loading={busy === 'run'}
                // The file of a finished job is not run twice by a second click: choose it (or another) again for that.
                disabled={!file || busy !== null || startedState === 'running' || startedState === 'done'}
                data-testid="import-run"
              >
                {t('import.run', 'Run import')}
              </Button>
            </Flex>
            {busy === 'dry' && (
              <Box paddingTop={3}>
                <Typography textColor="neutral600" data-testid="import-dry-running">
                  {t(
                    'import.dry.running',
                    'The dry run takes every row through every rule (numbering, inheritance, the duplicate search) and then undoes it: for a large file this may take a while — some 20 seconds for 1,000 rows.',
                  )}
                </Typography>
              </Box>
            )}
          </Box>
        )}

        {job && (
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="import-job">
            <Flex justifyContent="space-between" alignItems="flex-start" gap={4} wrap="wrap">
              <Box>
                <Typography variant="delta" tag="h2">
                  {t('import.job', 'Import {id}', { id: job.id })}:{' '}
                  <span data-testid="import-job-state">{job.state}</span>
                </Typography>
                <Box paddingTop={1}>
                  <Typography variant="pi" textColor="neutral600" data-testid="import-job-file">
                    {[
                      job.fileName,
                      job.createdAt && t('import.job.started', 'started {at}', { at: when(job.createdAt) }),
                      job.waitingFor &&
                        t('import.job.waiting', 'waiting for import {id} to finish (imports run one at a time)', {
                          id: job.waitingFor,
                        }),
                    ]
                      .filter(Boolean)
                      .join(' — ')}
                  </Typography>
                </Box>
              </Box>
              {job.state === 'running' && (
                <Button variant="danger-light" onClick={cancel} loading={cancelling} data-testid="import-cancel">
                  {t('import.cancel', 'Cancel import')}
                </Button>
              )}
            </Flex>
            <Box paddingTop={3}>
              {/* The design system's ProgressBar is drawn for dark backgrounds; this one reads on a white card. */}
              <Box
                background="neutral150"
                hasRadius
                height="0.8rem"
                role="progressbar"
                aria-valuenow={percent}
                aria-valuemin={0}
                aria-valuemax={100}
                data-testid="import-progress"
              >
                <Box
                  background={
                    job.state === 'cancelled'
                      ? 'neutral500'
                      : job.failed && job.state !== 'running'
                        ? 'warning500'
                        : 'primary600'
                  }
                  hasRadius
                  height="100%"
                  style={{ width: `${percent}%`, transition: 'width 0.5s' }}
                />
              </Box>
            </Box>
            <Box paddingTop={3}>
              <Typography data-testid="import-job-counts">{counts(job)}</Typography>
            </Box>
            {job.state === 'cancelled' && (
              <Box paddingTop={2}>
                <Typography textColor="neutral600" data-testid="import-job-cancelled">
                  {t(
                    'import.job.cancelledNote',
                    'Cancelled: the rows before the cancel are in, the other {left} were not imported.',
                    { left: Math.max(0, job.total - job.processed) },
                  )}
                </Typography>
              </Box>
            )}
            {job.state === 'failed' && job.error && (
              <Box paddingTop={2}>
                <Typography textColor="danger600">{job.error}</Typography>
              </Box>
            )}
            {job.failed > 0 && job.state !== 'running' && (
              <Box paddingTop={3}>
                <Button variant="tertiary" onClick={downloadErrors} data-testid="import-errors">
                  {t('import.errors', 'Download the refused rows (CSV)')}
                </Button>
              </Box>
            )}
          </Box>
        )}

        {dry && (
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="import-dry">
            <Flex gap={2} wrap="wrap">
              <Typography variant="delta" tag="h2">
                {t('import.dry.title', 'Dry run: {n} of {total} rows', { n: dry.evaluated, total: dry.total })}
              </Typography>
              {filterButton(
                'all',
                dryFilter === null,
                () => filterBy(null),
                <Badge variant="neutral">{`${t('import.dry.all', 'all')}: ${dry.rows.length}`}</Badge>,
              )}
              {(Object.keys(dry.counts) as Outcome[]).map((o) =>
                filterButton(
                  o,
                  dryFilter === o,
                  () => filterBy(dryFilter === o ? null : o),
                  <Badge
                    variant={OUTCOME_VARIANT[o]}
                    data-testid={`import-count-${o}`}
                  >{`${t(`import.outcome.${o}`, o)}: ${dry.counts[o]}`}</Badge>,
                ),
              )}
            </Flex>
            <Box paddingTop={2}>
              <Typography variant="pi" textColor="neutral600" data-testid="import-dry-shown">
                {dry.evaluated < dry.total
                  ? `${t('import.dry.partial', 'The dry run tried the first {n} rows; the import takes all {total}.', { n: dry.evaluated, total: dry.total })} `
                  : ''}
                {t('import.dry.hint', 'Click a count to see only those rows.')}
              </Typography>
            </Box>
            <Box paddingTop={4}>
              <RecordTable
                headers={[
                  t('import.dry.row', 'Row'),
                  t('import.dry.outcome', 'Outcome'),
                  t('import.dry.contact', 'Contact'),
                  t('import.dry.details', 'Details'),
                ]}
                rowCount={shownRows.length}
                testId="import-dry-table"
              >
                {shownRows.map((r) => (
                  <Tr key={r.row} data-testid={`import-dry-row-${r.row}`}>
                    <Td>
                      <Typography>{r.row}</Typography>
                    </Td>
                    <Td>
                      <Badge variant={OUTCOME_VARIANT[r.outcome]}>{t(`import.outcome.${r.outcome}`, r.outcome)}</Badge>
                    </Td>
                    <Td>
                      <Typography>{[r.contact?.no, r.contact?.name].filter(Boolean).join(' – ')}</Typography>
                      {r.contact?.previousName != null && (
                        <Typography variant="pi" textColor="neutral600" tag="p">
                          {t('import.dry.previousName', 'now: {name}', { name: r.contact.previousName })}
                        </Typography>
                      )}
                    </Td>
                    <Td>
                      <Typography textColor={r.outcome === 'error' ? 'danger600' : undefined}>
                        {r.error ??
                          (r.duplicates?.length
                            ? r.duplicates
                                .map((d) => `${d.no ?? ''} ${d.name ?? ''} (${d.hitPercent}% / ${d.fuzzyScore})`)
                                .join('; ')
                            : r.sameAsRow
                              ? t('import.dry.sameAsRow', 'same as row {row}', { row: r.sameAsRow })
                              : r.matchedBy
                                ? t('import.dry.matchedBy', 'matched by {field}', {
                                    field: labelOf(r.matchedBy),
                                  })
                                : '')}
                      </Typography>
                    </Td>
                  </Tr>
                ))}
              </RecordTable>
            </Box>
            <Box paddingTop={3}>
              <Pager
                pagination={{ page, pageSize: DRY_PAGE_SIZE, pageCount: dryPageCount, total: dryRows.length }}
                onPage={setDryPage}
                testId="import-dry-page"
              />
            </Box>
          </Box>
        )}

        {jobs.length > 0 && (
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="import-recent">
            <Typography variant="delta" tag="h2">
              {t('import.recent', 'Recent imports')}
            </Typography>
            <Box paddingTop={4}>
              <RecordTable
                headers={[
                  t('import.recent.id', 'Import'),
                  t('import.recent.file', 'File'),
                  t('import.recent.state', 'State'),
                  t('import.recent.counts', 'Rows'),
                  t('import.recent.started', 'Started at'),
                ]}
                rowCount={jobs.length}
                withActions
              >
                {jobs.map((j) => (
                  <Tr key={j.id} data-testid={`import-recent-${j.id}`}>
                    <Td>
                      <Typography>{j.id}</Typography>
                    </Td>
                    <Td>
                      <Typography>{j.fileName ?? ''}</Typography>
                    </Td>
                    <Td>
                      <Badge variant={STATE_VARIANT[j.state]}>{t(`import.state.${j.state}`, j.state)}</Badge>
                    </Td>
                    <Td>
                      <Typography variant="pi">{counts(j)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{when(j.createdAt)}</Typography>
                    </Td>
                    <Td>
                      {job?.id === j.id ? (
                        <Typography variant="pi" textColor="neutral600">
                          {t('import.recent.shown', 'shown above')}
                        </Typography>
                      ) : (
                        <Button
                          variant="tertiary"
                          size="S"
                          onClick={() => setJob(j)}
                          data-testid={`import-recent-show-${j.id}`}
                        >
                          {t('import.recent.show', 'Show')}
                        </Button>
                      )}
                    </Td>
                  </Tr>
                ))}
              </RecordTable>
            </Box>
          </Box>
        )}
      </Flex>
    </SettingsListPage>
  );
};

const ProtectedImportPage = () => (
  <Page.Protect
    permissions={[{ action: 'plugin::content-manager.explorer.create', subject: 'plugin::marketing-setup.contact' }]}
  >
    <ImportPage />
  </Page.Protect>
);

export default ProtectedImportPage;
