import * as React from 'react';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
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
  // The pairs with the document version they were loaded for (the previous list stays shown while reloading).
  const [state, setState] = React.useState<{ pairs: ContactPair[] | null; loadedFor: string | null }>({
    pairs: null,
    loadedFor: null,
  });
  React.useEffect(() => {
    if (model !== CONTACT_UID || !documentId) return;
    let cancelled = false;
    get<{ data: ContactPair[] }>(`${API}/contacts/${documentId}/duplicates`)
      .then(({ data }) => !cancelled && setState({ pairs: data.data, loadedFor: version }))
      .catch(() => !cancelled && setState({ pairs: null, loadedFor: version }));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, documentId, version]);
  return state;
};

/** When the create form of a contact was last shown: the edit view that follows a save of it counts as "just saved". */
let createFormShownAt = 0;

/**
 * After a save in the Content Manager (the document's updatedAt changes while the view is open, or the
 * view of a contact just created in the create form opens), a notice with a link to the review when the
 * saved contact has open duplicate pairs; the side panel alone is easy to miss.
 */
const useDuplicatesNotice = (
  model: string,
  documentId: string | undefined,
  document: PanelComponentProps['document'],
  { pairs, loadedFor }: ReturnType<typeof useOpenPairs>,
) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const version = String(document?.updatedAt ?? '');
  const seen = React.useRef<{ documentId?: string; version: string; saved: boolean }>({ version: '', saved: false });
  React.useEffect(() => {
    if (model !== CONTACT_UID) return;
    if (!documentId) {
      createFormShownAt = Date.now();
      return;
    }
    if (!version) return;
    const previous = seen.current;
    if (previous.documentId !== documentId) {
      const justCreated =
        createFormShownAt > 0 && new Date(document?.createdAt ?? 0).getTime() >= createFormShownAt - 1000;
      seen.current = { documentId, version, saved: justCreated };
    } else if (previous.version !== version) {
      seen.current = { documentId, version, saved: true };
    }
  }, [model, documentId, version, document?.createdAt]);
  React.useEffect(() => {
    // The pairs are reloaded for each version: notify once they belong to the saved one.
    if (!seen.current.saved || pairs === null || loadedFor !== version || seen.current.version !== version) return;
    seen.current = { ...seen.current, saved: false };
    if (pairs.length === 0 || !documentId) return;
    const adminBase = window.location.pathname.split('/content-manager')[0];
    toggleNotification({
      type: 'warning',
      title: t('dupNotice.title', 'Possible duplicates'),
      message: t(
        'dupNotice.message',
        '{count, plural, one {# contact looks} other {# contacts look}} like the one you saved.',
        { count: pairs.length },
      ),
      link: {
        url: `${adminBase}${PATHS.duplicates}?contact=${documentId}`,
        label: t('dupNotice.review', 'Review duplicates'),
      },
      timeout: 15000,
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pairs, loadedFor, version]);
};

export const DuplicatesPanel: PanelComponent = ({ model, documentId, document }: PanelComponentProps) => {
  const t = useT();
  const loaded = useOpenPairs(model, documentId, String(document?.updatedAt ?? ''));
  useDuplicatesNotice(model, documentId, document, loaded);
  const { pairs } = loaded;
  if (model !== CONTACT_UID || !documentId || !pairs || pairs.length === 0) return null;
  return {
    title: t('dupPanel.title', 'Possible duplicates'),
    content: <DuplicatesContent documentId={documentId} pairs={pairs} />,
  };
};
DuplicatesPanel.displayName = 'MarketingSetupDuplicatesPanel';

const DuplicatesContent = ({ documentId, pairs }: { documentId: string; pairs: ContactPair[] }) => {
  const t = useT();
  const {
    allowedActions: { canReview },
  } = useRBAC(PERMISSIONS.review);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="duplicates-panel">
      <Typography variant="pi" textColor="neutral600">
        {t('dupPanel.count', '{count, plural, one {# contact looks} other {# contacts look}} like this one.', {
          count: pairs.length,
        })}
      </Typography>
      {pairs.map((p) => (
        <Box key={p.pairDocumentId} data-testid={`duplicates-panel-${p.documentId}`}>
          <Link tag={RouterLink} to={`/content-manager/collection-types/${CONTACT_UID}/${p.documentId}`}>
            {contactTitle(p)}
          </Link>
          <Flex gap={2} alignItems="center" paddingTop={1} wrap="wrap">
            <RuleBadges rules={p.rules} />
            <Typography variant="pi" textColor="neutral600">
              {t('dupPanel.scores', '{strings} strings · {score}', {
                strings: p.matchingStrings,
                score: percent(p.fuzzyScore),
              })}
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
