import * as React from 'react';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { Badge, Box, Divider, Flex, IconButton, Loader, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { API } from '../../utils/api';
import { usePagedList } from '../../utils/usePagedList';
import { KIND_LABELS } from '../settings/documentKinds';
import { CONTACT_UID, contactTitle, useT } from './shared';
import type { ContactRef } from '../../../../shared/contracts/contacts';
import { MessageBody } from '../MessageBody';

/** Entries per page of the panel (the side panel is narrow). */
const PAGE_SIZE = 5;

/** An interaction log entry as the timeline route returns it (server/src/admin-api/interactions.ts). */
export interface TimelineEntry {
  documentId: string;
  entryNo: number | null;
  date: string | null;
  time: string | null;
  description: string | null;
  subject?: string | null;
  informationFlow: 'inbound' | 'outbound' | null;
  initiatedBy?: 'us' | 'them' | null;
  documentKind: string | null;
  documentNo: string | null;
  attemptFailed: boolean | null;
  canceled?: boolean | null;
  interactionTemplate?: { code: string; description?: string | null } | string | null;
  contact?: ContactRef | null;
  /** A logged e-mail's text, when the setup stores bodies. */
  emailBody?: string | null;
}

/**
 * Edit view side panel of every contact: its interactions, newest first, a few at a time. A company's
 * timeline also holds its persons' entries (the route does that); those name the person.
 */
export const InteractionsPanel: PanelComponent = ({ model, documentId, document }: PanelComponentProps) => {
  const t = useT();
  if (model !== CONTACT_UID || !documentId || !document) return null;
  return {
    title: t('contactPanel.interactions.title', 'Interactions'),
    content: <InteractionsContent documentId={documentId} version={String(document.updatedAt ?? '')} />,
  };
};
InteractionsPanel.displayName = 'MarketingSetupInteractionsPanel';

const InteractionsContent = ({ documentId, version }: { documentId: string; version: string }) => {
  const t = useT();
  const {
    rows: entries,
    pagination,
    error,
    setPage,
  } = usePagedList<TimelineEntry>(`${API}/contacts/${documentId}/interactions`, {}, PAGE_SIZE, version);

  // Back to the newest entries when another contact is opened or this one was saved.
  React.useEffect(() => setPage(1), [documentId, version, setPage]);

  if (error) {
    return (
      <Typography variant="pi" textColor="danger600" data-testid="interactions-panel-error">
        {error}
      </Typography>
    );
  }
  if (!entries || !pagination) return <Loader small>{t('contactPanel.loading', 'Loading…')}</Loader>;

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="interactions-panel">
      <Typography variant="pi" textColor="neutral600" data-testid="interactions-count">
        {t(
          'contactPanel.interactions.count',
          '{count, plural, =0 {No interactions recorded yet.} one {# interaction, newest first.} other {# interactions, newest first.}}',
          { count: pagination.total },
        )}
      </Typography>
      {entries.map((entry) => (
        <React.Fragment key={entry.documentId}>
          <Divider />
          <Entry entry={entry} contactDocumentId={documentId} />
        </React.Fragment>
      ))}
      {pagination.pageCount > 1 && (
        <Flex justifyContent="space-between" alignItems="center" gap={2} paddingTop={1}>
          <IconButton
            label={t('contactPanel.interactions.newer', 'Newer')}
            variant="tertiary"
            disabled={pagination.page <= 1}
            onClick={() => setPage(pagination.page - 1)}
            data-testid="interactions-newer"
          >
            <ChevronLeft />
          </IconButton>
          <Typography
            variant="pi"
            textColor="neutral600"
            style={{ whiteSpace: 'nowrap' }}
            data-testid="interactions-page"
          >
            {t('contactPanel.interactions.page', '{page} of {pageCount}', pagination)}
          </Typography>
          <IconButton
            label={t('contactPanel.interactions.older', 'Older')}
            variant="tertiary"
            disabled={pagination.page >= pagination.pageCount}
            onClick={() => setPage(pagination.page + 1)}
            data-testid="interactions-older"
          >
            <ChevronRight />
          </IconButton>
        </Flex>
      )}
    </Flex>
  );
};

/** One entry: date, direction, what (template / description), which document, and a failed attempt. */
const Entry = ({ entry, contactDocumentId }: { entry: TimelineEntry; contactDocumentId: string }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const template =
    typeof entry.interactionTemplate === 'string' ? { code: entry.interactionTemplate } : entry.interactionTemplate;
  const what = entry.description || entry.subject || template?.description || null;
  const when = entry.date
    ? formatDate(new Date(`${entry.date}T00:00:00`), { day: 'numeric', month: 'short', year: 'numeric' }) +
      (entry.time ? ` ${entry.time.slice(0, 5)}` : '')
    : '';
  const kind = entry.documentKind
    ? t(`interactions.kind.${entry.documentKind}`, KIND_LABELS[entry.documentKind] ?? entry.documentKind)
    : null;
  const otherContact = entry.contact && entry.contact.documentId !== contactDocumentId ? entry.contact : null;

  return (
    <Box data-testid={`interaction-${entry.entryNo ?? entry.documentId}`}>
      <Flex justifyContent="space-between" alignItems="center" gap={2}>
        <Typography variant="pi" fontWeight="semiBold" data-testid="interaction-date">
          {when}
        </Typography>
        {entry.informationFlow && (
          <Badge active={entry.informationFlow === 'outbound'} data-testid="interaction-direction">
            {entry.informationFlow === 'outbound'
              ? t('contactPanel.interactions.outbound', 'Outbound')
              : t('contactPanel.interactions.inbound', 'Inbound')}
          </Badge>
        )}
      </Flex>
      <Typography variant="omega" tag="p" data-testid="interaction-what">
        {[template?.code, what].filter(Boolean).join(' · ') ||
          t('contactPanel.interactions.noDescription', '(no description)')}
      </Typography>
      {(kind || entry.documentNo) && (
        <Typography variant="pi" textColor="neutral600" tag="p" data-testid="interaction-document">
          {[kind, entry.documentNo].filter(Boolean).join(' ')}
        </Typography>
      )}
      {otherContact && (
        <Typography variant="pi" textColor="neutral600" tag="p" data-testid="interaction-contact">
          {t('contactPanel.interactions.with', 'With {name}', { name: contactTitle(otherContact) })}
        </Typography>
      )}
      <MessageBody
        body={entry.emailBody}
        label={t('contactPanel.interactions.emailBody', 'Message text')}
        testId="interaction-email-body"
      />
      {(entry.attemptFailed || entry.canceled) && (
        <Flex gap={1} paddingTop={1}>
          {entry.attemptFailed && (
            <Badge backgroundColor="danger100" textColor="danger700" data-testid="interaction-failed">
              {t('contactPanel.interactions.attemptFailed', 'Attempt failed')}
            </Badge>
          )}
          {entry.canceled && (
            <Badge backgroundColor="neutral150" textColor="neutral700" data-testid="interaction-canceled">
              {t('contactPanel.interactions.canceled', 'Canceled')}
            </Badge>
          )}
        </Flex>
      )}
    </Box>
  );
};
