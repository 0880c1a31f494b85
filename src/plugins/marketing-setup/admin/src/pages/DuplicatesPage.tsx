import * as React from 'react';
import { Page, useRBAC } from '@strapi/strapi/admin';
import {
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  IconButton,
  Link,
  LinkButton,
  Tabs,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Cross, Eye } from '@strapi/icons';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { CONTACT_UID, useT } from '../components/contact-panels/shared';
import { MergeLog } from '../components/duplicates/MergeLog';
import { PairModal, RuleBadges } from '../components/duplicates/PairModal';
import { Pager } from '../components/duplicates/Pager';
import { RecordTable } from '../components/RecordTable';
import { SettingsListPage } from '../components/SettingsListPage';
import { contactTitle, percent, type ContactRef, type Pair } from '../components/duplicates/types';
import { PERMISSIONS } from '../permissions';
import { PATHS } from '../pluginId';
import { API } from '../utils/api';
import { usePagedList } from '../utils/usePagedList';

const PAGE_SIZE = 20;

const ContactCell = ({ contact }: { contact: ContactRef }) => (
  <Flex direction="column" alignItems="flex-start">
    <Link
      tag={RouterLink}
      to={`/content-manager/collection-types/${CONTACT_UID}/${contact.documentId}`}
      onClick={(e: React.MouseEvent) => e.stopPropagation()}
    >
      {contactTitle(contact)}
    </Link>
    {contact.city && (
      <Typography variant="pi" textColor="neutral600">
        {contact.city}
      </Typography>
    )}
  </Flex>
);

/** The open pairs, newest first, with the rule that fired and the scores; a row opens the pair. */
const OpenPairs = ({ canMerge, version, onChanged }: { canMerge: boolean; version: number; onChanged: () => void }) => {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const contactFilter = params.get('contact');
  const [open, setOpen] = React.useState<Pair | null>(null);
  const { rows, pagination, error, setPage } = usePagedList<Pair>(
    `${API}/duplicates`,
    contactFilter ? { contact: contactFilter } : {},
    PAGE_SIZE,
    version,
  );

  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!rows || !pagination) return null;

  const filteredBy = contactFilter
    ? rows.flatMap((p) => [p.contact, p.duplicateContact]).find((c) => c.documentId === contactFilter)
    : undefined;

  const headers = [
    t('dup.col.contact', 'Contact'),
    t('dup.col.duplicate', 'Possible duplicate'),
    t('dup.col.rules', 'Rule'),
    t('dup.col.strings', 'Search strings'),
    t('dup.col.score', 'Similarity'),
  ];

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {contactFilter && (
        <Flex gap={2} alignItems="center" data-testid="pairs-filter">
          <Typography variant="omega">
            {t('dup.filter', 'Pairs of {contact}', { contact: filteredBy ? contactTitle(filteredBy) : contactFilter })}
          </Typography>
          <Button variant="tertiary" size="S" startIcon={<Cross />} onClick={() => setParams({})}>
            {t('dup.filter.clear', 'Show all pairs')}
          </Button>
        </Flex>
      )}
      <RecordTable
        headers={headers}
        rowCount={rows.length}
        withActions
        testId="pairs"
        empty={
          <EmptyStateLayout
            content={t('dup.empty', 'No open duplicates: every pair found was merged or marked as not a duplicate.')}
          />
        }
      >
        {rows.map((pair) => (
          <Tr
            key={pair.pairDocumentId}
            data-testid={`pair-${pair.pairDocumentId}`}
            onClick={() => setOpen(pair)}
            style={{ cursor: 'pointer' }}
          >
            <Td>
              <ContactCell contact={pair.contact} />
            </Td>
            <Td>
              <ContactCell contact={pair.duplicateContact} />
            </Td>
            <Td>
              <RuleBadges rules={pair.rules} />
            </Td>
            <Td>
              <Typography>
                {t('dup.strings.value', '{count} equal ({percent} %)', {
                  count: pair.matchingStrings,
                  percent: pair.hitPercent,
                })}
              </Typography>
            </Td>
            <Td>
              <Typography>{percent(pair.fuzzyScore)}</Typography>
            </Td>
            <Td>
              <IconButton variant="secondary" label={t('dup.review', 'Review')} data-testid="pair-open">
                <Eye />
              </IconButton>
            </Td>
          </Tr>
        ))}
      </RecordTable>
      <Pager pagination={pagination} onPage={setPage} />
      <PairModal
        pair={open}
        canMerge={canMerge}
        onClose={() => setOpen(null)}
        onDone={() => {
          setOpen(null);
          onChanged();
        }}
      />
    </Flex>
  );
};

const Duplicates = () => {
  const t = useT();
  const {
    allowedActions: { canMerge },
    isLoading,
  } = useRBAC(PERMISSIONS.merge);
  // Bumped after a separate, merge or undo: both tabs reload.
  const [version, setVersion] = React.useState(0);
  const changed = () => setVersion((v) => v + 1);

  if (isLoading) return <Page.Loading />;
  return (
    <SettingsListPage
      pageTitle={t('dup.page.title', 'Duplicates')}
      title={t('dup.header.title', 'Duplicates')}
      subtitle={t(
        'dup.header.subtitle',
        'Contacts that look like the same company or person. Mark a pair as not a duplicate, or merge it.',
      )}
      primaryAction={
        <LinkButton
          tag={RouterLink}
          to={PATHS.duplicateSearch}
          variant="secondary"
          size="S"
          data-testid="link-duplicate-search"
        >
          {t('dup.searchSetup', 'Search-string setup')}
        </LinkButton>
      }
    >
      <Tabs.Root defaultValue="pairs" variant="simple">
        <Tabs.List aria-label={t('dup.header.title', 'Duplicates')}>
          <Tabs.Trigger value="pairs" data-testid="tab-pairs">
            {t('dup.tab.pairs', 'Open pairs')}
          </Tabs.Trigger>
          <Tabs.Trigger value="log" data-testid="tab-merge-log">
            {t('dup.tab.log', 'Merge log')}
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="pairs">
          <Box paddingTop={4}>
            <OpenPairs canMerge={!!canMerge} version={version} onChanged={changed} />
          </Box>
        </Tabs.Content>
        <Tabs.Content value="log">
          <Box paddingTop={4}>
            <MergeLog canMerge={!!canMerge} version={version} onUndone={changed} />
          </Box>
        </Tabs.Content>
      </Tabs.Root>
    </SettingsListPage>
  );
};

const DuplicatesPage = () => (
  <Page.Protect permissions={PERMISSIONS.review}>
    <Duplicates />
  </Page.Protect>
);

export default DuplicatesPage;
