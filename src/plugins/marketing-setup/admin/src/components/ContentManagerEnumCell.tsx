import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

/**
 * The list views of the plugin's types show an option's caption ("Company", "Bedrijf", "Not Started"), not its stored
 * value ("company", "notStarted"): the Content Manager shows list cells of an enumeration raw, although its edit view
 * shows the captions (registered as messages under the bare value, see registerTrads).
 */
const EnumCaption = ({ value }: { value: unknown }) => {
  const { formatMessage } = useIntl();
  if (value === null || value === undefined || value === '') return <Typography textColor="neutral800">-</Typography>;
  const raw = String(value);
  return <Typography textColor="neutral800">{formatMessage({ id: raw, defaultMessage: raw })}</Typography>;
};

interface Header {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: unknown;
}

/** The 'Admin/CM/pages/ListView/inject-column-in-table' hook: the enumeration columns of the plugin's types captioned. */
export const captionEnumColumns = <A extends { displayedHeaders: Header[] }>(args: A): A => {
  // The hook is not told the content type; the list view's address names it.
  if (!decodeURIComponent(window.location.pathname).includes('/plugin::marketing-setup.')) return args;
  return {
    ...args,
    displayedHeaders: args.displayedHeaders.map((header) =>
      header.attribute?.type === 'enumeration' && !header.cellFormatter
        ? {
            ...header,
            cellFormatter: (row: Record<string, unknown>) => <EnumCaption value={row[header.name]} />,
          }
        : header,
    ),
  };
};
