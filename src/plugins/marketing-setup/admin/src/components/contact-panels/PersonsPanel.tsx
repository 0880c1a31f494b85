import * as React from 'react';
import { useDebounce, useFetchClient, useForm } from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { Box, Divider, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import { API, useProblemOf } from '../../utils/api';
import { PROPAGATING_FIELDS } from '../../../../shared/contracts/inheritance';
import { CONTACT_UID, RELATION_FIELDS, contactTitle, useFieldLabel, useT } from './shared';
import type { ContactOverview, PreviewPerson } from '../../../../shared/contracts/contacts';

/**
 * Edit view side panel of a company: how many persons it has and, while the company has unsaved edits
 * of its name or of inheritable fields, which persons (and which of their fields) saving would change.
 */
export const PersonsPanel: PanelComponent = ({ model, documentId, document }: PanelComponentProps) => {
  const t = useT();
  if (model !== CONTACT_UID || !documentId || !document || document.type !== 'company') return null;
  return {
    title: t('contactPanel.persons.title', 'Persons'),
    content: <PersonsContent documentId={documentId} version={String(document.updatedAt ?? '')} />,
  };
};
PersonsPanel.displayName = 'MarketingSetupPersonsPanel';

const norm = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ? null : value;

/**
 * The company's unsaved edits that can reach its persons, in the shape the preview takes: scalars as
 * they are, a relation as the documentId (or id) of the entry picked, or null when it was removed.
 */
/** An entry picked in a relation field of the content manager's form (its connect list). */
interface RelationPick {
  id?: number | string;
  documentId?: string;
  apiData?: { documentId?: string };
}

export const propagatingEdits = (initial: Record<string, unknown>, values: Record<string, unknown>) => {
  const edits: Record<string, unknown> = {};
  for (const field of PROPAGATING_FIELDS) {
    if (RELATION_FIELDS.includes(field)) {
      const value = values[field] as { connect?: unknown; disconnect?: unknown } | null | undefined;
      const connect: RelationPick[] = Array.isArray(value?.connect) ? value.connect : [];
      const disconnect: unknown[] = Array.isArray(value?.disconnect) ? value.disconnect : [];
      if (connect.length) {
        const last = connect[connect.length - 1];
        edits[field] = last?.apiData?.documentId ?? last?.documentId ?? last?.id ?? null;
      } else if (disconnect.length) {
        edits[field] = null;
      }
    } else if (JSON.stringify(norm(values[field])) !== JSON.stringify(norm(initial[field]))) {
      edits[field] = norm(values[field]);
    }
  }
  return edits;
};

const PersonsContent = ({ documentId, version }: { documentId: string; version: string }) => {
  const t = useT();
  const label = useFieldLabel();
  const { get, post } = useFetchClient();
  const problemOf = useProblemOf();
  const initialValues = useForm('PersonsPanel', (state) => state.initialValues) as Record<string, unknown>;
  const values = useForm('PersonsPanel', (state) => state.values) as Record<string, unknown>;

  const [personCount, setPersonCount] = React.useState<number | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [preview, setPreview] = React.useState<{ key: string; persons: PreviewPerson[] } | null>(null);
  const [previewError, setPreviewError] = React.useState<string | null>(null);

  React.useEffect(() => {
    let cancelled = false;
    get<{ data: ContactOverview }>(`${API}/contacts/${documentId}/inheritance`)
      .then(({ data }) => {
        if (cancelled) return;
        setPersonCount(data.data.type === 'company' ? data.data.personCount : 0);
        setError(null);
      })
      .catch((err) => !cancelled && setError(problemOf(err).message));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId, version]);

  const editsKey = JSON.stringify(propagatingEdits(initialValues ?? {}, values ?? {}));
  const debouncedKey = useDebounce(editsKey, 400);
  const hasEdits = editsKey !== '{}';

  React.useEffect(() => {
    if (debouncedKey === '{}' || !personCount) {
      setPreview(null);
      setPreviewError(null);
      return;
    }
    let cancelled = false;
    post<{ data: PreviewPerson[] }>(`${API}/contacts/${documentId}/propagation-preview`, {
      data: JSON.parse(debouncedKey),
    })
      .then(({ data }) => {
        if (cancelled) return;
        setPreview({ key: debouncedKey, persons: data.data });
        setPreviewError(null);
      })
      .catch((err) => !cancelled && setPreviewError(problemOf(err).message));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedKey, documentId, personCount]);

  if (error) {
    return (
      <Typography variant="pi" textColor="danger600">
        {error}
      </Typography>
    );
  }
  if (personCount === null) return <Loader small>{t('contactPanel.loading', 'Loading…')}</Loader>;

  const fresh = preview !== null && preview.key === editsKey;

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="persons-panel">
      <Typography variant="omega" data-testid="persons-count">
        {t(
          'contactPanel.persons.count',
          '{count, plural, =0 {No persons work for this company yet.} one {# person works for this company.} other {# persons work for this company.}}',
          { count: personCount },
        )}
      </Typography>
      {personCount > 0 && !hasEdits && (
        <Typography variant="pi" textColor="neutral600" data-testid="persons-hint">
          {t(
            'contactPanel.persons.hint',
            'When you change the name or a field persons inherit (address, communication, salesperson …), saving copies it to every person who did not set that field by hand. Edit a field to see who would change.',
          )}
        </Typography>
      )}
      {personCount > 0 && hasEdits && (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="persons-preview">
          <Divider />
          {previewError ? (
            <Typography variant="pi" textColor="danger600">
              {previewError}
            </Typography>
          ) : !fresh ? (
            <Loader small>{t('contactPanel.persons.checking', 'Checking which persons would change…')}</Loader>
          ) : preview.persons.length === 0 ? (
            <Typography variant="pi" textColor="neutral600" data-testid="persons-preview-none">
              {t('contactPanel.persons.none', 'Saving changes no person: they all set these fields by hand.')}
            </Typography>
          ) : (
            <>
              <Typography variant="pi" fontWeight="semiBold" data-testid="persons-preview-summary">
                {t(
                  'contactPanel.persons.changes',
                  'Saving will change {count, plural, one {# person} other {# persons}} of {total}:',
                  { count: preview.persons.length, total: personCount },
                )}
              </Typography>
              {preview.persons.map((p) => (
                <Box key={p.documentId} data-testid={`persons-preview-${p.documentId}`}>
                  <Link tag={RouterLink} to={`/content-manager/collection-types/${CONTACT_UID}/${p.documentId}`}>
                    {contactTitle(p)}
                  </Link>
                  <Typography variant="pi" textColor="neutral600" tag="p">
                    {p.fields.map((f) => label(f)).join(', ')}
                  </Typography>
                </Box>
              ))}
              {preview.persons.length < personCount && (
                <Typography variant="pi" textColor="neutral600" data-testid="persons-preview-kept">
                  {t(
                    'contactPanel.persons.kept',
                    '{count, plural, one {# other person keeps} other {# other persons keep}} the values set by hand.',
                    { count: personCount - preview.persons.length },
                  )}
                </Typography>
              )}
            </>
          )}
        </Flex>
      )}
    </Flex>
  );
};
