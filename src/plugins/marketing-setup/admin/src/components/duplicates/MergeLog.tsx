import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Button, EmptyStateLayout, Flex, Loader, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { ConfirmAction, useConfirmedWrite } from '../ConfirmAction';
import { useT } from '../contact-panels/shared';
import { RecordTable } from '../RecordTable';
import { API } from '../../utils/api';
import { contactTitle, type MergeLogEntry } from './types';
import { usePagedList } from '../../utils/usePagedList';

type ContactTitled = Parameters<typeof contactTitle>[0];
import { Pager } from './Pager';

const PAGE_SIZE = 10;

/** Recent merges, newest first, each with Undo (while it has not been undone). */
export const MergeLog = ({
  canMerge,
  version,
  onUndone,
}: {
  canMerge: boolean;
  version: number;
  onUndone: () => void;
}) => {
  const t = useT();
  const { formatDate } = useIntl();
  const { post } = useFetchClient();
  const confirmedWrite = useConfirmedWrite();
  const [undoing, setUndoing] = React.useState<MergeLogEntry | null>(null);
  const [reload, setReload] = React.useState(0);
  const { rows, pagination, error, setPage } = usePagedList<MergeLogEntry>(
    `${API}/merge-logs`,
    {},
    PAGE_SIZE,
    `${version}:${reload}`,
  );

  const undo = async () => {
    if (!undoing) return;
    await confirmedWrite({
      write: async () => {
        const { data } = await post<{ data: { survivor: ContactTitled; restored: ContactTitled } }>(
          `${API}/merge-logs/${undoing.documentId}/undo`,
          {},
        );
        return t('mergeLog.undone', 'The merge was undone: {contact} is back.', {
          contact: contactTitle(data.data.restored),
        });
      },
      then: () => {
        setReload((n) => n + 1);
        onUndone();
      },
      close: () => setUndoing(null),
    });
  };

  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!rows) return <Loader small>{t('contactPanel.loading', 'Loading…')}</Loader>;
  if (rows.length === 0) return <EmptyStateLayout content={t('mergeLog.empty', 'No contacts were merged yet.')} />;

  const headers = [
    t('mergeLog.date', 'Merged on'),
    t('mergeLog.survivor', 'Kept'),
    t('mergeLog.duplicate', 'Merged into it'),
    t('mergeLog.state', 'State'),
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <RecordTable headers={headers} rowCount={rows.length} withActions testId="merge-log">
        {rows.map((row) => (
          <Tr key={row.documentId} data-testid={`merge-log-${row.documentId}`}>
            <Td>
              <Typography>{formatDate(row.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</Typography>
            </Td>
            <Td>
              <Typography fontWeight="semiBold">{contactTitle(row.survivor)}</Typography>
            </Td>
            <Td>
              <Typography>{contactTitle(row.duplicate)}</Typography>
            </Td>
            <Td>
              {row.undoneAt ? (
                <Badge>
                  {t('mergeLog.undoneAt', 'Undone {date}', {
                    date: formatDate(row.undoneAt, { dateStyle: 'medium', timeStyle: 'short' }),
                  })}
                </Badge>
              ) : (
                <Badge backgroundColor="success100" textColor="success700">
                  {t('mergeLog.merged', 'Merged')}
                </Badge>
              )}
            </Td>
            <Td>
              {canMerge && !row.undoneAt && (
                <Button
                  variant="tertiary"
                  size="S"
                  startIcon={<ArrowClockwise />}
                  onClick={() => setUndoing(row)}
                  data-testid="merge-log-undo"
                >
                  {t('mergeLog.undo', 'Undo')}
                </Button>
              )}
            </Td>
          </Tr>
        ))}
      </RecordTable>
      {pagination && <Pager pagination={pagination} onPage={setPage} />}
      <ConfirmAction
        open={!!undoing}
        onCancel={() => setUndoing(null)}
        onConfirm={undo}
        variant="danger-light"
        title={t('mergeLog.undo.title', 'Undo this merge?')}
      >
        {undoing
          ? t(
              'mergeLog.undo.confirm',
              '{duplicate} comes back with its own values, and the records that moved go back to it.',
              {
                duplicate: contactTitle(undoing.duplicate),
              },
            )
          : ''}
      </ConfirmAction>
    </Flex>
  );
};
