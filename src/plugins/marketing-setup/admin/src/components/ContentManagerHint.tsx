import * as React from 'react';
import { useIntl } from 'react-intl';
import { DUTCH_HINTS } from '../../../server/src/content-manager/layouts';

/**
 * The help under a field of the plugin's Content Manager views, in the admin's language. The Content
 * Manager shows a field's stored description as it is (it translates labels, not descriptions), and the
 * plugin stores the English one; a description an admin wrote in "Configure the view" is left as it is.
 */
const Hint = ({ en }: { en: string }) => {
  const { locale } = useIntl();
  return <>{locale?.startsWith('nl') ? (DUTCH_HINTS[en] ?? en) : en}</>;
};

interface FieldLayout {
  hint?: React.ReactNode;
}
interface EditViewLayout<F extends FieldLayout> {
  layout: { layout: F[][][] };
}

/** The Content Manager's 'Admin/CM/pages/EditView/mutate-edit-view-layout' hook: each known hint translated. */
export const translateHints = <F extends FieldLayout, A extends EditViewLayout<F>>(args: A): A => {
  const swap = (field: F): F =>
    typeof field.hint === 'string' && DUTCH_HINTS[field.hint] ? { ...field, hint: <Hint en={field.hint} /> } : field;
  return {
    ...args,
    layout: { ...args.layout, layout: args.layout.layout.map((panel) => panel.map((row) => row.map(swap))) },
  };
};
