import * as React from 'react';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import { Box, Button, Typography } from '@strapi/design-system';
import { Check, Plus } from '@strapi/icons';
import { useT } from './contact-panels/shared';
import { PATHS } from '../pluginId';

/** The create button of a settings screen's header (shown only to who may create). */
export interface CreateAction {
  label: string;
  onClick: () => void;
  testId: string;
}

/**
 * The frame every settings list screen shares: browser-tab title, header with a back button to the
 * plugin's Configuration, an optional create button (or another primary action), the content, and
 * the screen's modals and dialogs after it.
 */
export const SettingsListPage = ({
  pageTitle,
  title,
  subtitle,
  create,
  primaryAction,
  overlays,
  children,
}: {
  pageTitle: string;
  title: string;
  subtitle: string;
  create?: CreateAction;
  primaryAction?: React.ReactNode;
  overlays?: React.ReactNode;
  children: React.ReactNode;
}) => (
  <Page.Main>
    <Page.Title>{pageTitle}</Page.Title>
    <Layouts.Header
      title={title}
      subtitle={subtitle}
      navigationAction={<BackButton fallback={PATHS.settings} />}
      primaryAction={
        create ? (
          <Button startIcon={<Plus />} size="S" onClick={create.onClick} data-testid={create.testId}>
            {create.label}
          </Button>
        ) : (
          primaryAction
        )
      }
    />
    <Layouts.Content>{children}</Layouts.Content>
    {overlays}
  </Page.Main>
);

/** The blue box under a header that says what the screen is for. */
export const Explainer = ({
  padding = 4,
  testId,
  children,
}: {
  padding?: 3 | 4;
  testId?: string;
  children: React.ReactNode;
}) => (
  <Box background="primary100" borderColor="primary200" padding={padding} hasRadius data-testid={testId}>
    <Typography variant="omega" textColor="primary700">
      {children}
    </Typography>
  </Box>
);

/** The Save button in the header of a settings form: enabled once something changed, busy while saving. */
export const SaveButton = ({ disabled, loading, testId }: { disabled: boolean; loading: boolean; testId: string }) => {
  const t = useT();
  return (
    <Button type="submit" startIcon={<Check />} size="S" disabled={disabled} loading={loading} data-testid={testId}>
      {t('action.save', 'Save')}
    </Button>
  );
};
