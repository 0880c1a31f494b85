import { Button, Flex, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import { useT } from '../contact-panels/shared';
import type { Pagination } from './types';

/**
 * Previous / next with "Page 2 of 5 (43)"; the lists page through the admin API's pagination meta. `testId` names
 * the pager and its buttons (`<testId>-previous`, `<testId>-next`).
 */
export const Pager = ({
  pagination,
  onPage,
  testId = 'pager',
}: {
  pagination: Pagination;
  onPage: (page: number) => void;
  testId?: string;
}) => {
  const t = useT();
  const { page, pageCount, total } = pagination;
  if (pageCount <= 1) return null;
  return (
    <Flex justifyContent="flex-end" alignItems="center" gap={3} data-testid={testId}>
      <Typography variant="pi" textColor="neutral600">
        {t('pager.page', 'Page {page} of {pageCount} ({total})', { page, pageCount, total })}
      </Typography>
      <Button
        variant="tertiary"
        size="S"
        startIcon={<ChevronLeft />}
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
        data-testid={`${testId}-previous`}
      >
        {t('pager.previous', 'Previous')}
      </Button>
      <Button
        variant="tertiary"
        size="S"
        endIcon={<ChevronRight />}
        disabled={page >= pageCount}
        onClick={() => onPage(page + 1)}
        data-testid={`${testId}-next`}
      >
        {t('pager.next', 'Next')}
      </Button>
    </Flex>
  );
};
