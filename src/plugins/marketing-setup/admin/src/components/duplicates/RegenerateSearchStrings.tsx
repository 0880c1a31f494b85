import * as React from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Flex, ProgressBar, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import { useT } from '../contact-panels/shared';
import { API, useProblemOf } from '../../utils/api';
import type { RegenerationStatus } from './types';

const POLL_MS = 1000;

/**
 * The design system's ProgressBar is made for dark overlays (white on grey, 10rem wide): on this light
 * card it would be invisible when full. Same component, the card's width and the primary colour.
 */
const Bar = styled(ProgressBar)`
  && {
    width: 100%;
    background-color: ${({ theme }) => theme.colors.neutral200};
  }
  && > div {
    background-color: ${({ theme }) => theme.colors.primary600};
  }
`;

const percentDone = (s: RegenerationStatus) =>
  s.state === 'done' ? 100 : s.total > 0 ? Math.min(100, Math.floor((s.processed / s.total) * 100)) : 0;

/**
 * "Regenerate search strings" of the Duplicates section: starts the bulk job (the regeneration
 * service, a job in the database that any instance can report on) and polls its status while it runs.
 */
export const RegenerateSearchStrings = ({ canUpdate }: { canUpdate: boolean }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const { get, post } = useFetchClient();
  const problemOf = useProblemOf();
  const { toggleNotification } = useNotification();
  const [status, setStatus] = React.useState<RegenerationStatus | null>(null);
  const [starting, setStarting] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  const running = status?.state === 'running';

  React.useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { data } = await get<RegenerationStatus | { data: RegenerationStatus }>(`${API}/duplicates/regenerate`);
        if (cancelled) return;
        const next = 'data' in data ? data.data : data;
        setStatus(next);
        setError(null);
        if (next.state === 'running') timer = setTimeout(poll, POLL_MS);
      } catch (err) {
        if (!cancelled) setError(problemOf(err).message);
      }
    };
    poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
    // Restarted when a job was started here (running turns true).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [running]);

  const start = async () => {
    setStarting(true);
    try {
      const { data } = await post<RegenerationStatus | { data: RegenerationStatus }>(
        `${API}/duplicates/regenerate`,
        {},
      );
      setStatus('data' in data ? data.data : data);
      setError(null);
    } catch (err) {
      toggleNotification({ type: 'danger', message: problemOf(err).message });
    } finally {
      setStarting(false);
    }
  };

  const value = status ? percentDone(status) : 0;
  return (
    <Box background="neutral100" padding={4} hasRadius data-testid="regenerate">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between" alignItems="center" gap={4}>
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Typography variant="omega" fontWeight="semiBold">
              {t('regen.title', 'Regenerate search strings')}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t(
                'regen.hint',
                'Builds the search strings and duplicate pairs of every contact again, for example after the search-string setup changed. Contacts stay editable meanwhile.',
              )}
            </Typography>
          </Flex>
          {canUpdate && (
            <Button
              variant="secondary"
              startIcon={<ArrowClockwise />}
              onClick={start}
              loading={starting}
              disabled={running}
              data-testid="regenerate-start"
            >
              {t('regen.start', 'Regenerate')}
            </Button>
          )}
        </Flex>
        {error && (
          <Typography variant="pi" textColor="danger600">
            {error}
          </Typography>
        )}
        {status && status.state !== 'idle' && (
          <Flex
            direction="column"
            alignItems="stretch"
            gap={1}
            data-testid="regenerate-progress"
            data-state={status.state}
            data-percent={value}
          >
            <Bar value={value} size="M" aria-label={t('regen.title', 'Regenerate search strings')} />
            <Typography
              variant="pi"
              textColor={status.state === 'failed' ? 'danger600' : 'neutral700'}
              data-testid="regenerate-text"
            >
              {status.state === 'running' &&
                t('regen.running', '{processed} of {total} contacts ({percent} %)', {
                  processed: status.processed,
                  total: status.total,
                  percent: value,
                })}
              {status.state === 'done' &&
                t('regen.done', 'Done: {total} contacts ({percent} %), finished {when}.', {
                  total: status.total,
                  percent: value,
                  when: status.finishedAt
                    ? formatDate(status.finishedAt, { dateStyle: 'medium', timeStyle: 'short' })
                    : '',
                })}
              {status.state === 'failed' &&
                t('regen.failed', 'Stopped after {processed} of {total} contacts: {error}', {
                  processed: status.processed,
                  total: status.total,
                  error: status.error ?? '',
                })}
            </Typography>
          </Flex>
        )}
      </Flex>
    </Box>
  );
};
