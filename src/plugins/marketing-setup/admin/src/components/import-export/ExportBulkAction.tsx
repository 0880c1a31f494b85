import * as React from 'react';
import { useFetchClient, useNotification, useQueryParams } from '@strapi/strapi/admin';
import type { BulkActionComponent } from '@strapi/content-manager/strapi-admin';
import { Button, Flex, Modal, Radio, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { API } from '../../utils/api';
import { getTrad } from '../../utils/getTrad';
import { useT } from '../contact-panels/shared';

const CONTACT_UID = 'plugin::marketing-setup.contact';

/**
 * Saves CSV text as a file in the browser. The fetch client's response.text() drops the server's byte order
 * mark (the TextDecoder strips it), and Excel needs it to read UTF-8: it is put back here.
 */
export const downloadText = (text: string, name: string) => {
  const withBom = text.startsWith('\uFEFF') ? text : `\uFEFF${text}`;
  const url = URL.createObjectURL(new Blob([withBom], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/** { filters: { $and: [{ city: { $eq: 'Gent' } }] } } → "filters%5B%24and%5D%5B0%5D…=Gent", as Strapi's qs reads it back. */
export const toQueryString = (params: Record<string, unknown>): string => {
  const out: string[] = [];
  const add = (value: unknown, key: string) => {
    if (value === undefined || value === null) return;
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) add(v, `${key}[${k}]`);
      return;
    }
    out.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  };
  for (const [k, v] of Object.entries(params)) add(v, k);
  return out.join('&');
};

type Scope = 'selected' | 'matching';

interface ExportDialogProps {
  documentIds: string[];
  onClose: () => void;
}

/**
 * The export's choice: the selected rows, or every contact the list's filters and search match (the list view
 * keeps them in its URL: `filters`, `_q`; the Content Manager's select-all only selects the page shown). The
 * number of matching contacts comes from the server, counted as the export will select them (the role's read
 * conditions included).
 */
const ExportDialog = ({ documentIds, onClose }: ExportDialogProps) => {
  const t = useT();
  const { locale } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query }] = useQueryParams<{ filters?: Record<string, unknown>; _q?: string }>();
  const listQuery = React.useMemo(
    () => ({
      ...(query.filters && typeof query.filters === 'object' ? { filters: query.filters } : {}),
      ...(typeof query._q === 'string' && query._q.trim() ? { _q: query._q } : {}),
    }),
    [query.filters, query._q],
  );
  const [scope, setScope] = React.useState<Scope>('selected');
  const [matching, setMatching] = React.useState<number | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    post<{ data: { count: number } }>(`${API}/contacts/export/count`, listQuery)
      .then(({ data }) => live && setMatching(data.data.count))
      .catch(() => live && setMatching(null));
    return () => {
      live = false;
    };
  }, [post, listQuery]);

  const download = async () => {
    setBusy(true);
    try {
      const lang = locale?.startsWith('nl') ? 'nl' : 'en';
      const params =
        scope === 'selected'
          ? toQueryString({ documentIds: documentIds.join(','), locale: lang })
          : toQueryString({ ...listQuery, locale: lang });
      const { data } = await get<string>(`${API}/contacts/export`, { params, responseType: 'text' });
      downloadText(String(data), `contacts-${new Date().toISOString().slice(0, 10)}.csv`);
      onClose();
    } catch (err: unknown) {
      const e = err as { response?: { data?: { error?: { message?: string } } }; message?: string } | null;
      toggleNotification({
        type: 'danger',
        message: e?.response?.data?.error?.message ?? e?.message ?? String(err),
      });
    } finally {
      setBusy(false);
    }
  };

  const filtered = !!listQuery.filters || !!listQuery._q;
  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Radio.Group
            value={scope}
            onValueChange={(v: string) => setScope(v as Scope)}
            aria-label={t('export.scope', 'Contacts to export')}
            data-testid="export-scope"
          >
            <Flex direction="column" alignItems="stretch" gap={3}>
              <Radio.Item value="selected" data-testid="export-scope-selected">
                {t(
                  'export.scope.selected',
                  'The {count, plural, one {# selected contact} other {# selected contacts}}',
                  {
                    count: documentIds.length,
                  },
                )}
              </Radio.Item>
              <Radio.Item value="matching" data-testid="export-scope-matching">
                {matching === null
                  ? filtered
                    ? t('export.scope.matchingUnknown', "All contacts matching the list's current filters and search")
                    : t('export.scope.allUnknown', 'All contacts in the list')
                  : filtered
                    ? t(
                        'export.scope.matching',
                        "All contacts matching the list's current filters and search ({count, number})",
                        { count: matching },
                      )
                    : t('export.scope.all', 'All contacts in the list ({count, number})', { count: matching })}
              </Radio.Item>
            </Flex>
          </Radio.Group>
          <Typography variant="pi" textColor="neutral600">
            {t(
              'export.scope.hint',
              'Select all selects the page shown only. The file holds the contacts your role may read, with the columns it may read.',
            )}
          </Typography>
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {t('action.cancel', 'Cancel')}
        </Button>
        <Button onClick={download} loading={busy} data-testid="export-download">
          {t('export.download', 'Download CSV')}
        </Button>
      </Modal.Footer>
    </>
  );
};

/**
 * Contact list view → select rows → "Export to CSV": a dialog offers the selected contacts or all contacts
 * matching the list's filters and search, as the export route writes them (Business Central captions,
 * relations as codes, only what the user may read). Other types: no action.
 */
export const ExportBulkAction: BulkActionComponent = ({ model, documents }) => {
  const { formatMessage } = useIntl();
  const documentIds = React.useMemo(() => documents.map((d) => d.documentId), [documents]);
  // One component per selection: a new component on every render would remount the open dialog (and lose its choice).
  const Content = React.useMemo(
    () =>
      function ExportContent({ onClose }: { onClose: () => void }) {
        return <ExportDialog documentIds={documentIds} onClose={onClose} />;
      },
    [documentIds],
  );
  if (model !== CONTACT_UID) return null;
  const label = formatMessage({ id: getTrad('export.bulkAction'), defaultMessage: 'Export to CSV' });
  return {
    label,
    variant: 'tertiary',
    dialog: { type: 'modal', title: label, content: Content },
  };
};
