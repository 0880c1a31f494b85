import * as React from 'react';
import { ConfirmDialog, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import {
  Badge,
  Box,
  Combobox,
  ComboboxOption,
  Dialog,
  EmptyStateLayout,
  Flex,
  Grid,
  IconButton,
  Link,
  SingleSelect,
  SingleSelectOption,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Cross, Link as LinkIcon, User } from '@strapi/icons';
import { Link as RouterLink } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { CONTACT_UID, useT } from '../components/contact-panels/shared';
import { FieldFrame } from '../components/fields';
import { FormModal } from '../components/FormModal';
import { MessageBody } from '../components/MessageBody';
import { Pager } from '../components/duplicates/Pager';
import { RecordTable } from '../components/RecordTable';
import { Explainer, SettingsListPage } from '../components/SettingsListPage';
import { usePagedList } from '../utils/usePagedList';
import { PERMISSIONS } from '../permissions';
import { API, useProblemOf } from '../utils/api';
import type { ReviewAction } from '../../../server/src/domain/email-logging';

interface ContactRef {
  documentId: string;
  no: string | null;
  name: string | null;
}
interface Review {
  documentId: string;
  sender: string | null;
  senderName: string | null;
  toAddresses: string | null;
  ccAddresses: string | null;
  subject: string | null;
  sentAt: string | null;
  reason: string | null;
  error: string | null;
  /** The message text, when the setup stores bodies. */
  body: string | null;
  reviewStatus: 'open' | 'linked' | 'created' | 'ignored';
  contact: ContactRef | null;
  /** What the server accepts on this row now (none once it was handled): the buttons shown. */
  actions: ReviewAction[];
}
const STATUSES = ['open', 'linked', 'created', 'ignored', 'all'] as const;
const PAGE_SIZE = 25;

/**
 * A contact picked by typing part of its name or number (the content manager's search on contacts).
 * The list is opened by the picker itself whenever the text changes: the design system's combobox opens
 * it only on a key-up of a printable key or a click on the field, so text that arrives by an input event
 * alone (paste from the menu, autofill, an IME or a phone keyboard, Playwright's fill) left it closed and
 * no option could be picked. Text and open state are controlled, as the content manager's relation
 * picker does, and the search shows as loading.
 */
const ContactPicker = ({
  value,
  error,
  onChange,
}: {
  value: string | null;
  error?: string;
  onChange: (documentId: string | null) => void;
}) => {
  const t = useT();
  const { get } = useFetchClient();
  const [text, setText] = React.useState('');
  const [query, setQuery] = React.useState('');
  const [open, setOpen] = React.useState(false);
  const [loading, setLoading] = React.useState(false);
  const [options, setOptions] = React.useState<ContactRef[]>([]);
  React.useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const timer = setTimeout(() => {
      get<{ results: ContactRef[] }>(`/content-manager/collection-types/${CONTACT_UID}`, {
        params: { _q: query || undefined, pageSize: 20, sort: 'name:ASC' },
      })
        .then(({ data }) => !cancelled && setOptions(data.results))
        .catch(() => !cancelled && setOptions([]))
        .finally(() => !cancelled && setLoading(false));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);
  const label = (c: ContactRef) => [c.no, c.name].filter(Boolean).join(' – ');
  return (
    <FieldFrame name="contact" label={t('emailReview.contact', 'Contact')} error={error} required>
      <Combobox
        value={value ?? undefined}
        onChange={(v: string | undefined) => onChange(v ?? null)}
        textValue={text}
        onTextValueChange={setText}
        open={open}
        onOpenChange={setOpen}
        onInputChange={(e: React.ChangeEvent<HTMLInputElement>) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
        }}
        loading={loading}
        placeholder={t('emailReview.contact.placeholder', 'Type a name or number')}
        // The server searches (name or number); the list keeps labels containing the text, not only starting with it ("CT000005 – …").
        autocomplete={{ type: 'list', filter: 'contains' }}
        data-testid="email-review-contact"
      >
        {options.map((c) => (
          <ComboboxOption key={c.documentId} value={c.documentId} textValue={label(c)}>
            {label(c)}
          </ComboboxOption>
        ))}
      </Combobox>
    </FieldFrame>
  );
};

const EmailReviewPage = () => {
  const t = useT();
  const { formatDate } = useIntl();
  const { post } = useFetchClient();
  const problemOf = useProblemOf();
  const { toggleNotification } = useNotification();
  // useRBAC names an action after its last segment: emails.review → canReview.
  const {
    allowedActions: { canReview },
  } = useRBAC(PERMISSIONS.emails);
  const [status, setStatus] = React.useState<(typeof STATUSES)[number]>('open');
  const [linking, setLinking] = React.useState<Review | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [version, setVersion] = React.useState(0);
  const { rows, pagination, error, setPage } = usePagedList<Review>(
    `${API}/email-reviews`,
    { status },
    PAGE_SIZE,
    version,
  );

  const act = async (review: Review, action: 'create-contact' | 'ignore') => {
    setBusy(review.documentId);
    try {
      const { data } = await post<{ data: { contact?: ContactRef } }>(
        `${API}/email-reviews/${review.documentId}/${action}`,
        {},
      );
      toggleNotification({
        type: 'success',
        message:
          action === 'ignore'
            ? t('emailReview.ignored', 'The e-mail is ignored.')
            : t('emailReview.created', 'Contact {name} was created and the e-mail logged for it.', {
                name: data.data.contact?.name ?? '',
              }),
      });
      setVersion((v) => v + 1);
    } catch (err) {
      toggleNotification({ type: 'danger', message: problemOf(err).message });
    } finally {
      setBusy(null);
    }
  };

  const day = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: 'medium' }) : '–');
  const time = (iso: string) => formatDate(iso, { timeStyle: 'short' });
  const statusLabel = (s: string) => t(`emailReview.status.${s}`, STATUS_LABELS[s]);

  return (
    <SettingsListPage
      pageTitle={t('emailReview.title', 'Unmatched e-mails')}
      title={t('emailReview.title', 'Unmatched e-mails')}
      subtitle={t(
        'emailReview.subtitle',
        'E-mails of the logging queue that matched no contact, or could not be read.',
      )}
      overlays={
        <FormModal
          open={!!linking}
          title={t('emailReview.link.title', 'Link "{subject}" to a contact', { subject: linking?.subject ?? '' })}
          initialValues={LINK_VALUES}
          submitLabel={t('emailReview.link.submit', 'Link and log')}
          onClose={() => setLinking(null)}
          testId="email-review-link-modal"
          submitTestId="email-review-link-submit"
          onSubmit={async (values) => {
            await post(`${API}/email-reviews/${linking!.documentId}/link`, { contact: values.contact });
            toggleNotification({
              type: 'success',
              message: t('emailReview.linked', 'The e-mail was logged for the contact.'),
            });
            setLinking(null);
            setVersion((v) => v + 1);
          }}
        >
          {({ values, errors, change }) => (
            // A grid item of the full width: outside one, the picker shrinks to its arrow and cannot be typed in.
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <ContactPicker value={values.contact} error={errors.contact} onChange={(v) => change('contact', v)} />
            </Grid.Item>
          )}
        </FormModal>
      }
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Explainer>
          {t(
            'emailReview.explainer',
            'Business Central drops e-mails from unknown addresses; here they wait for you. Link one to a contact, create a contact from the sender (numbered and checked for duplicates like any new contact), or ignore it. Linked e-mails are logged like the others.',
          )}
        </Explainer>
        <Flex gap={2}>
          <SingleSelect
            aria-label={t('emailReview.filter', 'Show')}
            value={status}
            onChange={(v: string | number) => {
              setStatus(v as (typeof STATUSES)[number]);
              setPage(1);
            }}
            data-testid="email-review-status"
          >
            {STATUSES.map((s) => (
              <SingleSelectOption key={s} value={s}>
                {statusLabel(s)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Flex>
        {error && <Typography textColor="danger600">{error}</Typography>}
        {rows && (
          <RecordTable
            testId="email-review-table"
            headers={[
              t('emailReview.sender', 'Sender'),
              t('emailReview.subject', 'Subject'),
              t('emailReview.date', 'Date'),
              t('emailReview.why', 'Why'),
              t('emailReview.statusCol', 'Status'),
            ]}
            rowCount={rows.length}
            withActions
            empty={<EmptyStateLayout content={t('emailReview.empty', 'No e-mails here.')} />}
          >
            {rows.map((r) => (
              <Tr key={r.documentId} data-testid="email-review-row">
                <Td>
                  {/* The address first: a display name is whatever the sender typed ("jan.peeters@fabrikam.be"
                      in front of another address), so it is shown second, as the sender's own words. Long ones
                      keep one line each (the whole on hover). */}
                  <Flex direction="column" alignItems="flex-start" maxWidth={SENDER_WIDTH}>
                    <Typography ellipsis tag="p" maxWidth="100%" title={r.sender ?? r.senderName ?? undefined}>
                      {r.sender ?? r.senderName ?? '–'}
                    </Typography>
                    {r.sender && r.senderName && (
                      <Typography
                        variant="pi"
                        textColor="neutral600"
                        ellipsis
                        tag="p"
                        maxWidth="100%"
                        title={r.senderName}
                      >
                        {r.senderName}
                      </Typography>
                    )}
                  </Flex>
                </Td>
                <Td>
                  {/* A long subject keeps one line (the whole of it on hover), so Date, Why and Actions stay in view;
                      its width follows the window's (the table must fit a 1280 px screen). */}
                  <Box maxWidth={SUBJECT_WIDTH}>
                    <Typography ellipsis title={r.subject ?? undefined} tag="p" data-testid="email-review-subject">
                      {r.subject ?? '–'}
                    </Typography>
                  </Box>
                  <MessageBody body={r.body} label={t('emailReview.body', 'Message')} testId="email-review-body" />
                </Td>
                <Td>
                  {/* Date over time: one line of both was the widest cell after the reason. */}
                  <Flex direction="column" alignItems="flex-start">
                    <Typography>{day(r.sentAt)}</Typography>
                    {r.sentAt && (
                      <Typography variant="pi" textColor="neutral600">
                        {time(r.sentAt)}
                      </Typography>
                    )}
                  </Flex>
                </Td>
                <Td>
                  {/* The reason is a sentence: it wraps (the table's cells do not by default). */}
                  <Box minWidth="10rem" maxWidth={WHY_WIDTH} style={{ whiteSpace: 'normal' }}>
                    <Typography variant="pi" textColor={r.error ? 'danger600' : 'neutral600'}>
                      {r.error ?? r.reason}
                    </Typography>
                  </Box>
                </Td>
                <Td>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Badge active={r.reviewStatus === 'open'}>{statusLabel(r.reviewStatus)}</Badge>
                    {r.contact && (
                      // A contact's No. and name wrap (the table's cells do not by default).
                      <Box maxWidth={WHY_WIDTH} style={{ whiteSpace: 'normal' }}>
                        <Link
                          tag={RouterLink}
                          to={`/content-manager/collection-types/${CONTACT_UID}/${r.contact.documentId}`}
                        >
                          {[r.contact.no, r.contact.name].filter(Boolean).join(' – ')}
                        </Link>
                      </Box>
                    )}
                  </Flex>
                </Td>
                <Td>
                  {/* Icon buttons, named by their tooltip and aria-label: three text buttons ran out of the
                      table at 1440 px. */}
                  {/* The buttons of the actions the server accepts on the row (internal mail: no Create contact). */}
                  {canReview && r.actions.length > 0 && (
                    <Flex gap={1}>
                      {r.actions.includes('link') && (
                        <IconButton
                          variant="secondary"
                          label={t('emailReview.link', 'Link to contact')}
                          onClick={() => setLinking(r)}
                          disabled={!!busy}
                          data-testid="email-review-link"
                        >
                          <LinkIcon />
                        </IconButton>
                      )}
                      {r.actions.includes('createContact') && (
                        <IconButton
                          variant="secondary"
                          label={t('emailReview.create', 'Create contact')}
                          onClick={() => act(r, 'create-contact')}
                          disabled={!!busy}
                          aria-busy={busy === r.documentId}
                          data-testid="email-review-create"
                        >
                          <User />
                        </IconButton>
                      )}
                      {/* Asked first: an ignored e-mail is not logged, and the list keeps it only under "Ignored". */}
                      {r.actions.includes('ignore') && (
                        <Dialog.Root>
                          <Dialog.Trigger>
                            <IconButton
                              variant="tertiary"
                              label={t('emailReview.ignore', 'Ignore')}
                              disabled={!!busy}
                              data-testid="email-review-ignore"
                            >
                              <Cross />
                            </IconButton>
                          </Dialog.Trigger>
                          <ConfirmDialog
                            variant="danger-light"
                            title={t('emailReview.ignore.title', 'Ignore this e-mail?')}
                            onConfirm={() => act(r, 'ignore')}
                          >
                            {t(
                              'emailReview.ignore.confirm',
                              '"{subject}" will not be logged for any contact. It stays in the storage folder of the mailbox.',
                              { subject: r.subject ?? '–' },
                            )}
                          </ConfirmDialog>
                        </Dialog.Root>
                      )}
                    </Flex>
                  )}
                </Td>
              </Tr>
            ))}
          </RecordTable>
        )}
        {pagination && <Pager pagination={pagination} onPage={setPage} />}
      </Flex>
    </SettingsListPage>
  );
};

const LINK_VALUES = { contact: null };
/** Column widths that follow the window's, so the table fits at 1280 px (and keeps to these on a wide screen). */
const SENDER_WIDTH = 'min(18rem, 14vw)';
const SUBJECT_WIDTH = 'min(32rem, 18vw)';
const WHY_WIDTH = 'min(24rem, 14vw)';
const STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  linked: 'Linked',
  created: 'Contact created',
  ignored: 'Ignored',
  all: 'All',
};

const ProtectedEmailReviewPage = () => (
  <Page.Protect permissions={PERMISSIONS.emails}>
    <EmailReviewPage />
  </Page.Protect>
);

export default ProtectedEmailReviewPage;
