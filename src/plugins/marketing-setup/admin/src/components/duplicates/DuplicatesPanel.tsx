import * as React from 'react';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import { CONTACT_UID, useT } from '../contact-panels/shared';
import { PERMISSIONS } from '../../permissions';
import { PATHS } from '../../pluginId';
import { API } from '../../utils/api';
import { RuleBadges } from './PairModal';
import { contactTitle, percent, type ContactPair } from './types';

/**
 * The contact's open duplicate pairs, fetched for every contact edit view; null while there are none,
 * so the panel only shows for contacts with open pairs. Reloaded after each save (updatedAt changes).
 */
const useOpenPairs = (model: string, documentId: string | undefined, version: string) => {
  const { get } = useFetchClient();
  const [pairs, setPairs] = React.useState<ContactPair[] | null>(null);
  React.useEffect(() => {
    if (model !== CONTACT_UID || !documentId) return;
    let cancelled = false;
    get<{ data: ContactPair[] }>(`${API}/contacts/${documentId}/duplicates`)
      .then(({ data }) => !cancelled && setPairs(data.data))
      .catch(() => !cancelled && setPairs(null));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, documentId, version]);
  return pairs;
};

export const DuplicatesPanel: PanelComponent = ({ model, documentId, document }: PanelComponentProps) => {
  const t = useT();
  const pairs = useOpenPairs(model, documentId, String(document?.updatedAt ?? ''));
  if (model !== CONTACT_UID || !documentId || !pairs || pairs.length === 0) return null;
  return {
    title: t('dupPanel.title', 'Possible duplicates'),
    content: <DuplicatesContent documentId={documentId} pairs={pairs} />,
  };
};
DuplicatesPanel.displayName = 'MarketingSetupDuplicatesPanel';

const DuplicatesContent = ({ documentId, pairs }: { documentId: string; pairs: ContactPair[] }) => {
  const t = useT();
  const { allowedActions: { canReview } } = useRBAC(PERMISSIONS.review);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="duplicates-panel">
      <Typography variant="pi" textColor="neutral600">
        {t('dupPanel.count', '{count, plural, one {# contact looks} other {# contacts look}} like this one.', { count: pairs.length })}
      </Typography>
      {pairs.map((p) => (
        <Box key={p.pairDocumentId} data-testid={`duplicates-panel-${p.documentId}`}>
          <Link tag={RouterLink} to={`/content-manager/collection-types/${CONTACT_UID}/${p.documentId}`}>
            {contactTitle(p)}
          </Link>
          <Flex gap={2} alignItems="center" paddingTop={1} wrap="wrap">
            <RuleBadges rules={p.rules} />
            <Typography variant="pi" textColor="neutral600">
              {t('dupPanel.scores', '{strings} strings · {score}', { strings: p.matchingStrings, score: percent(p.fuzzyScore) })}
            </Typography>
          </Flex>
        </Box>
      ))}
      {canReview && (
        <Link tag={RouterLink} to={`${PATHS.duplicates}?contact=${documentId}`} data-testid="duplicates-panel-review">
          {t('dupPanel.review', 'Review and merge')}
        </Link>
      )}
    </Flex>
  );
};
