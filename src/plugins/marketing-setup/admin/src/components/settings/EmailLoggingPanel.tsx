import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { ArrowClockwise, Check, Pencil, Plus } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { useT } from '../contact-panels/shared';
import { PATHS } from '../../pluginId';
import { API, useProblemOf } from '../../utils/api';
import type { SetupScalar } from '../../../../shared/contracts/settings';

/** GET /marketing-setup/email-logging. */
export interface EmailStatus {
  enabled: boolean;
  passwordSet: boolean;
  passwordVariable: string;
  templateSet: boolean;
  openReviews: number;
  status: 'ok' | 'error' | 'noTemplate' | 'disabled' | 'busy' | null;
  lastRunAt: string | null;
  nextRunAt: string | null;
  lastRun: { processed: number; logged: number; unmatched: number; failed: number; leftInQueue: number | null };
  lastError: string | null;
}
interface TestReport {
  ok: boolean;
  server: string;
  folders?: string[];
  created?: string[];
  queueMessages?: number;
  storageMessages?: number;
  error?: string;
  /** The queue / storage folders the mailbox lacks (not created: the admin chooses to), with the nearest existing one. */
  missing?: { folder: string; role: 'queue' | 'storage'; suggestion: string | null }[];
}

/** The settings field of each folder a test reports on. */
export type FolderField = 'emailQueueFolder' | 'emailStorageFolder';
const FOLDER_FIELD: Record<'queue' | 'storage', FolderField> = {
  queue: 'emailQueueFolder',
  storage: 'emailStorageFolder',
};

const Note = ({
  tone,
  testId,
  children,
}: {
  tone: 'success' | 'danger' | 'neutral';
  testId: string;
  children: React.ReactNode;
}) => (
  <Box data-testid={testId} background={`${tone}100`} borderColor={`${tone}200`} padding={3} hasRadius>
    <Typography variant="omega" textColor={`${tone}700`}>
      {children}
    </Typography>
  </Box>
);

/**
 * Below the e-mail logging fields: Test connection (with the form's current, maybe unsaved, connection
 * values), the last run (counts, next run, error) with Check now, and the way to the review list.
 */
export const EmailLoggingPanel = ({
  values,
  onChange,
  canUpdate,
}: {
  /** The settings form's current values (the e-mail connection fields are read). */
  values: Partial<Record<SetupScalar, unknown>>;
  /** Sets a field of the settings form (a suggested folder name fills the folder field). */
  onChange: (name: FolderField, value: string) => void;
  canUpdate: boolean;
}) => {
  const t = useT();
  const { formatDate } = useIntl();
  const { get, post } = useFetchClient();
  const problemOf = useProblemOf();
  const [status, setStatus] = React.useState<EmailStatus | null>(null);
  const [report, setReport] = React.useState<TestReport | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState<'test' | 'create' | 'run' | null>(null);

  const load = React.useCallback(async () => {
    try {
      setStatus((await get<{ data: EmailStatus }>(`${API}/email-logging`)).data.data);
    } catch (err) {
      setProblem(problemOf(err).message);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  React.useEffect(() => {
    void load();
  }, [load]);

  const when = (iso: string | null) =>
    iso ? formatDate(iso, { dateStyle: 'medium', timeStyle: 'medium' }) : t('email.never', 'never');

  /**
   * Test connection; `createMissing` = the explicit "Create missing folders" after a test reported them;
   * `folders`: folder names just put in the form (its values are read on the next render only).
   */
  const test = async (createMissing = false, folders: Partial<Record<FolderField, string>> = {}) => {
    setBusy(createMissing ? 'create' : 'test');
    setProblem(null);
    setReport(null);
    try {
      const body = {
        host: values.emailImapHost || null,
        port: values.emailImapPort ?? null,
        tls: values.emailImapTls ?? null,
        user: values.emailImapUser || null,
        queueFolder: folders.emailQueueFolder ?? (values.emailQueueFolder || null),
        storageFolder: folders.emailStorageFolder ?? (values.emailStorageFolder || null),
        ...(createMissing ? { createMissing: true } : {}),
      };
      setReport((await post<{ data: TestReport }>(`${API}/email-logging/test`, body)).data.data);
    } catch (err) {
      setProblem(problemOf(err).message);
    } finally {
      setBusy(null);
    }
  };
  // A missing folder with a likely meant one is a typo to correct, never offered for creation.
  const creatable = report && !report.ok ? (report.missing ?? []).filter((m) => !m.suggestion) : [];
  // ... but offered to correct in one click: the suggestion goes into the field, and the connection is tested again.
  const suggested = report && !report.ok ? (report.missing ?? []).filter((m) => m.suggestion) : [];
  const takeSuggestion = (role: 'queue' | 'storage', suggestion: string) => {
    const field = FOLDER_FIELD[role];
    onChange(field, suggestion);
    void test(false, { [field]: suggestion });
  };
  const runNow = async () => {
    setBusy('run');
    setProblem(null);
    try {
      setStatus((await post<{ data: { status: EmailStatus } }>(`${API}/email-logging/run`, {})).data.data.status);
    } catch (err) {
      setProblem(problemOf(err).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="email-logging-panel">
      {status && !status.passwordSet && (
        <Note tone="danger" testId="email-password-missing">
          {t(
            'email.passwordMissing',
            'The IMAP password is not set on the server: set the environment variable {name} and restart.',
            { name: status.passwordVariable },
          )}
        </Note>
      )}
      {status && !status.templateSet && (
        <Note tone="neutral" testId="email-template-missing">
          {t(
            'email.templateMissing',
            'No interaction template is set up for e-mails (Interaction templates → E-mails, below): nothing is logged until one is.',
          )}
        </Note>
      )}
      <Flex gap={2} wrap="wrap">
        <Button
          variant="secondary"
          startIcon={<Check />}
          onClick={() => test()}
          loading={busy === 'test'}
          disabled={!canUpdate || !!busy}
          data-testid="email-test-connection"
        >
          {t('email.test', 'Test connection')}
        </Button>
        <Button
          variant="tertiary"
          startIcon={<ArrowClockwise />}
          onClick={runNow}
          loading={busy === 'run'}
          disabled={!canUpdate || !!busy}
          data-testid="email-run-now"
        >
          {t('email.runNow', 'Check now')}
        </Button>
        <Link tag={NavLink} to={PATHS.emailReview} data-testid="link-email-review">
          {t('email.reviewLink', 'Unmatched e-mails ({count})', { count: status?.openReviews ?? 0 })}
        </Link>
      </Flex>
      {report?.ok && (
        <Note tone="success" testId="email-test-result">
          {t(
            'email.test.ok',
            'Connected to {server}. Folders: {folders}. {created}Messages waiting in the queue: {queue}; in the storage folder: {storage}.',
            {
              server: report.server,
              folders: (report.folders ?? []).join(', '),
              created: report.created?.length
                ? t('email.test.created', 'Created: {names}. ', { names: report.created.join(', ') })
                : '',
              queue: report.queueMessages,
              storage: report.storageMessages,
            },
          )}
        </Note>
      )}
      {report && !report.ok && (
        <Note tone="danger" testId="email-test-result">
          {report.error}
          {!!report.missing?.length &&
            ` ${t(
              'email.test.missingHint',
              'Correct the folder name above, or create the folder if it is meant to be a new one.',
            )}`}
        </Note>
      )}
      {!!suggested.length && canUpdate && (
        <Flex gap={2} wrap="wrap">
          {suggested.map((m) => (
            <Button
              key={m.role}
              variant="secondary"
              startIcon={<Pencil />}
              onClick={() => takeSuggestion(m.role, m.suggestion!)}
              disabled={!!busy}
              data-testid={`email-use-suggestion-${m.role}`}
            >
              {t('email.test.takeSuggestion', 'Use suggested folder "{folder}"', { folder: m.suggestion })}
            </Button>
          ))}
        </Flex>
      )}
      {report && !report.ok && !!creatable.length && canUpdate && (
        <Flex gap={2}>
          {/* Never done by Test connection itself: a typo would become a new, empty folder nothing is delivered to. */}
          <Button
            variant="secondary"
            startIcon={<Plus />}
            onClick={() => test(true)}
            loading={busy === 'create'}
            disabled={!!busy}
            data-testid="email-create-folders"
          >
            {t('email.test.createMissing', 'Create missing folders ({names})', {
              names: creatable.map((m) => `"${m.folder}"`).join(', '),
            })}
          </Button>
        </Flex>
      )}
      {problem && (
        <Note tone="danger" testId="email-problem">
          {problem}
        </Note>
      )}
      {status && (
        <Box data-testid="email-status" background="neutral100" padding={3} hasRadius>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="omega" fontWeight="bold">
              {t('email.lastRun', 'Last run: {when}', { when: when(status.lastRunAt) })}
              {' · '}
              {t(`email.status.${status.status ?? 'none'}`, STATUS[status.status ?? 'none'])}
            </Typography>
            <Typography variant="pi" data-testid="email-counts">
              {t(
                'email.counts',
                'Processed {processed} · logged {logged} · unmatched {unmatched} · failed {failed} · left in the queue {left}',
                {
                  processed: status.lastRun.processed,
                  logged: status.lastRun.logged,
                  unmatched: status.lastRun.unmatched,
                  failed: status.lastRun.failed,
                  left: status.lastRun.leftInQueue ?? t('email.leftUnknown', 'unknown'),
                },
              )}
            </Typography>
            <Typography variant="pi">
              {status.enabled
                ? t('email.nextRun', 'Next run: {when}', { when: when(status.nextRunAt) })
                : t('email.off', 'E-mail logging is off.')}
            </Typography>
            {status.lastError && (
              <Typography variant="pi" textColor="danger600" data-testid="email-last-error">
                {status.lastError}
              </Typography>
            )}
          </Flex>
        </Box>
      )}
    </Flex>
  );
};

const STATUS: Record<string, string> = {
  ok: 'OK',
  error: 'failed, retried at the next run',
  noTemplate: 'waiting for an e-mail template',
  disabled: 'off',
  busy: 'another instance is running',
  none: 'not run yet',
};
