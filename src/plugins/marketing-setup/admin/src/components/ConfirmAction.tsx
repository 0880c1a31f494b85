import * as React from 'react';
import { ConfirmDialog, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Dialog } from '@strapi/design-system';
import { useProblemOf } from '../utils/api';

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

/**
 * Runs what a ConfirmAction confirmed: `write` does it and returns the success message, `then` (a
 * reload) follows the message; a failure shows the server's message; `close` runs either way.
 */
export const useConfirmedWrite = () => {
  const { toggleNotification } = useNotification();
  const problemOf = useProblemOf();
  return async ({ write, then, close }: { write: () => Promise<string>; then?: () => unknown; close: () => void }) => {
    try {
      toggleNotification({ type: 'success', message: await write() });
      await then?.();
    } catch (err) {
      toggleNotification({ type: 'danger', message: problemOf(err).message });
    } finally {
      close();
    }
  };
};

/** Deletes what a ConfirmAction confirmed: DELETE `path`, then the `done` message, `then` and `close` as above. */
export const useConfirmedDelete = () => {
  const { del } = useFetchClient();
  const confirmedWrite = useConfirmedWrite();
  return (path: string, { done, then, close }: { done: string; then?: () => unknown; close: () => void }) =>
    confirmedWrite({
      write: async () => {
        await del(path);
        return done;
      },
      then,
      close,
    });
};
