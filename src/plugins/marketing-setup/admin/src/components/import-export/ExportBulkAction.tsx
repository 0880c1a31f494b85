import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import type { BulkActionComponent } from '@strapi/content-manager/strapi-admin';
import { useIntl } from 'react-intl';
import { API } from '../../utils/api';
import { getTrad } from '../../utils/getTrad';

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

/**
 * Contact list view → select rows → "Export to CSV": the selected contacts as the export route writes them
 * (Business Central captions, relations as codes, only what the user may read). Other types: no action.
 */
export const ExportBulkAction: BulkActionComponent = ({ model, documents }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { formatMessage, locale } = useIntl();
  if (model !== CONTACT_UID) return null;
  return {
    label: formatMessage({ id: getTrad('export.bulkAction'), defaultMessage: 'Export to CSV' }),
    variant: 'tertiary',
    onClick: async () => {
      try {
        const ids = documents.map((d) => d.documentId).join(',');
        const { data } = await get<string>(`${API}/contacts/export`, {
          params: { documentIds: ids, locale: locale?.startsWith('nl') ? 'nl' : 'en' },
          responseType: 'text',
        });
        downloadText(String(data), `contacts-${new Date().toISOString().slice(0, 10)}.csv`);
      } catch (err: unknown) {
        const e = err as { response?: { data?: { error?: { message?: string } } }; message?: string } | null;
        toggleNotification({
          type: 'danger',
          message: e?.response?.data?.error?.message ?? e?.message ?? String(err),
        });
      }
    },
  };
};
