import * as React from 'react';
import {
  Button,
  EmptyStateLayout,
  Flex,
  IconButton,
  Table,
  Tbody,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { useT } from './contact-panels/shared';

/**
 * A list of records as a table: one column a header, an "Actions" column when the rows have actions,
 * the rows as children. With no records it shows `empty` instead (when given).
 */
export const RecordTable = ({
  headers,
  rowCount,
  withActions = false,
  empty,
  testId,
  children,
}: {
  headers: string[];
  rowCount: number;
  withActions?: boolean;
  empty?: React.ReactNode;
  testId?: string;
  children: React.ReactNode;
}) => {
  const t = useT();
  if (rowCount === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <Table colCount={headers.length + (withActions ? 1 : 0)} rowCount={rowCount + 1} data-testid={testId}>
      <Thead>
        <Tr>
          {headers.map((h) => (
            <Th key={h}>
              <Typography variant="sigma">{h}</Typography>
            </Th>
          ))}
          {withActions && (
            <Th>
              <Typography variant="sigma">{t('actions', 'Actions')}</Typography>
            </Th>
          )}
        </Tr>
      </Thead>
      <Tbody>{children}</Tbody>
    </Table>
  );
};

/** The empty state of a list, with a create button for who may create. */
export const EmptyList = ({
  content,
  create,
}: {
  content: string;
  create?: { label: string; onClick: () => void };
}) => (
  <EmptyStateLayout
    content={content}
    action={
      create ? (
        <Button variant="secondary" startIcon={<Plus />} onClick={create.onClick}>
          {create.label}
        </Button>
      ) : undefined
    }
  />
);

/** The edit and delete buttons of a row; a button shows only when its handler is given. */
export const RowActions = ({
  editLabel,
  onEdit,
  deleteLabel,
  onDelete,
}: {
  editLabel?: string;
  onEdit?: () => void;
  deleteLabel?: string;
  onDelete?: () => void;
}) => {
  if (!onEdit && !onDelete) return null;
  return (
    <Flex gap={1}>
      {onEdit && (
        <IconButton variant="ghost" label={editLabel ?? ''} onClick={onEdit}>
          <Pencil />
        </IconButton>
      )}
      {onDelete && (
        <IconButton variant="ghost" label={deleteLabel ?? ''} onClick={onDelete}>
          <Trash />
        </IconButton>
      )}
    </Flex>
  );
};

/** A yes/no cell: green "Yes", grey "No". */
export const YesNo = ({ value }: { value: boolean }) => {
  const t = useT();
  return (
    <Typography textColor={value ? 'success600' : 'neutral500'}>{value ? t('yes', 'Yes') : t('no', 'No')}</Typography>
  );
};
