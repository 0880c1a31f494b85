import * as React from 'react';
import { RecordTable } from '../components/RecordTable';
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
  contact?: { documentId: string | null; no: string | null; name: string | null } | null;
  matchedBy?: string | null;
  duplicates?: { documentId: string; no: string | null; name: string | null; hitPercent: number; fuzzyScore: number }[];
  error?: string;
}
interface DryRun {
  total: number;
  evaluated: number;
  counts: Record<Outcome, number>;
  rows: RowResult[];
}
interface Job {
  id: number;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  error: string | null;
}

const SKIP = '__skip__';
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

/** Settings → Marketing Setup → Import: upload a CSV, map its columns, dry run, run the job and follow it. */
const ImportPage = () => {
  const t = useT();
  const { post, get } = useFetchClient();
  const problemOf = useProblemOf();
  const { toggleNotification } = useNotification();
  const [file, setFile] = React.useState<File | null>(null);
  const [analysis, setAnalysis] = React.useState<Analysis | null>(null);
  const [mapping, setMapping] = React.useState<Record<string, string | null>>({});
  const [dry, setDry] = React.useState<DryRun | null>(null);
  const [job, setJob] = React.useState<Job | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [problem, setProblem] = React.useState<string | null>(null);

  const fail = (err: unknown) => {
    const p = problemOf(err);
    setProblem(p.message);
    toggleNotification({ type: 'danger', message: p.message });
  };

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    if (!chosen) return;
    e.target.value = ''; // so the same file can be chosen again (a new job for it after one is done)
    setProblem(null);
    setDry(null);
    setJob(null);
    setAnalysis(null);
    setFile(chosen);
    setBusy(true);
    try {
      const { data } = await post<{ data: Analysis }>(`${API}/contacts/import/analyse`, uploadOf(chosen));
      setAnalysis(data.data);
      setMapping(data.data.suggestions);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const dryRun = async () => {
    setBusy(true);
    setProblem(null);
    setDry(null);
    try {
      const { data } = await post<{ data: DryRun }>(`${API}/contacts/import/dry-run`, uploadOf(file!, mapping));
      setDry(data.data);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await post<{ data: Job }>(`${API}/contacts/import/jobs`, uploadOf(file!, mapping));
      setJob(data.data);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  // Polls the running job once a second.
  React.useEffect(() => {
    if (!job || job.state !== 'running') return undefined;
    const timer = setTimeout(async () => {
      try {
        const { data } = await get<{ data: Job }>(`${API}/contacts/import/jobs/${job.id}`);
        setJob(data.data);
      } catch (err) {
        fail(err);
      }
    }, 1000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job]);

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

  const label = (f: FieldOption) => `${f.label} (${f.field})`;
  const percent = job && job.total ? Math.round((job.processed / job.total) * 100) : 0;

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
            <input type="file" accept=".csv,text/csv" onChange={onFile} data-testid="import-file" />
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
              {t('import.mapping', 'Columns')} — {t('import.rows', '{n} rows', { n: analysis.total })}
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
              <Button variant="secondary" onClick={dryRun} loading={busy} disabled={!file} data-testid="import-dry-run">
                {t('import.dryRun', 'Dry run')}
              </Button>
              <Button
                onClick={run}
                loading={busy}
                // The file of a finished job is not run twice by a second click: choose it (or another) again for that.
                disabled={!file || job?.state === 'running' || job?.state === 'done'}
                data-testid="import-run"
              >
                {t('import.run', 'Run import')}
              </Button>
            </Flex>
          </Box>
        )}

        {job && (
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="import-job">
            <Typography variant="delta" tag="h2">
              {t('import.job', 'Import {id}', { id: job.id })}: <span data-testid="import-job-state">{job.state}</span>
            </Typography>
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
                  background={job.failed && job.state !== 'running' ? 'warning500' : 'primary600'}
                  hasRadius
                  height="100%"
                  style={{ width: `${percent}%`, transition: 'width 0.5s' }}
                />
              </Box>
            </Box>
            <Box paddingTop={3}>
              <Typography data-testid="import-job-counts">
                {t(
                  'import.job.counts',
                  '{processed} of {total} rows: {created} created, {updated} updated, {unchanged} unchanged, {failed} failed',
                  job,
                )}
              </Typography>
            </Box>
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
              {(Object.keys(dry.counts) as Outcome[]).map((o) => (
                <Badge
                  key={o}
                  variant={OUTCOME_VARIANT[o]}
                  data-testid={`import-count-${o}`}
                >{`${t(`import.outcome.${o}`, o)}: ${dry.counts[o]}`}</Badge>
              ))}
            </Flex>
            <Box paddingTop={4}>
              <RecordTable
                headers={[
                  t('import.dry.row', 'Row'),
                  t('import.dry.outcome', 'Outcome'),
                  t('import.dry.contact', 'Contact'),
                  t('import.dry.details', 'Details'),
                ]}
                rowCount={dry.rows.length}
              >
                {dry.rows.slice(0, 200).map((r) => (
                  <Tr key={r.row}>
                    <Td>
                      <Typography>{r.row}</Typography>
                    </Td>
                    <Td>
                      <Badge variant={OUTCOME_VARIANT[r.outcome]}>{t(`import.outcome.${r.outcome}`, r.outcome)}</Badge>
                    </Td>
                    <Td>
                      <Typography>{[r.contact?.no, r.contact?.name].filter(Boolean).join(' – ')}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor={r.outcome === 'error' ? 'danger600' : undefined}>
                        {r.error ??
                          (r.duplicates?.length
                            ? r.duplicates
                                .map((d) => `${d.no ?? ''} ${d.name ?? ''} (${d.hitPercent}% / ${d.fuzzyScore})`)
                                .join('; ')
                            : r.matchedBy
                              ? t('import.dry.matchedBy', 'matched by {field}', { field: r.matchedBy })
                              : '')}
                      </Typography>
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
