import * as React from 'react';
import { Box, Typography } from '@strapi/design-system';

/**
 * A stored e-mail body (setup "Store message bodies"), folded away under `label` so a list stays a list;
 * the text keeps its line breaks. Nothing is shown when no body was stored.
 */
export const MessageBody = ({ body, label, testId }: { body?: string | null; label: string; testId?: string }) => {
  if (!body) return null;
  return (
    <Box tag="details" paddingTop={1} data-testid={testId}>
      <Typography tag="summary" variant="pi" textColor="primary600" style={{ cursor: 'pointer' }}>
        {label}
      </Typography>
      <Box paddingTop={1} maxHeight="20rem" overflow="auto">
        <Typography variant="pi" tag="p" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {body}
        </Typography>
      </Box>
    </Box>
  );
};
