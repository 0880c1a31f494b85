import * as React from 'react';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { Dialog } from '@strapi/design-system';

/**
 * Strapi's confirmation dialog, open while there is something to confirm (the row picked for delete,
 * the merge picked for undo); closing it without confirming calls onCancel.
 */
export const ConfirmAction = ({
  open,
  onCancel,
  onConfirm,
  variant,
  title,
  children,
}: {
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void | Promise<void>;
  variant?: React.ComponentProps<typeof ConfirmDialog>['variant'];
  title?: string;
  children: React.ReactNode;
}) => (
  <Dialog.Root open={open} onOpenChange={(o) => !o && onCancel()}>
    <ConfirmDialog onConfirm={onConfirm} variant={variant} title={title}>
      {children}
    </ConfirmDialog>
  </Dialog.Root>
);
