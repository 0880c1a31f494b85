import * as React from 'react';
import { ConfirmDialog, useDocumentRBAC, useFetchClient, useForm, useNotification } from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { Badge, Box, Button, Dialog, Divider, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Link as RouterLink } from 'react-router-dom';
import { API, useProblemOf } from '../../utils/api';
import { CONTACT_UID, contactTitle, hasRelation, useFieldLabel, useKeyText, useRefreshDocument, useT } from './shared';
import type { ContactOverview, InheritanceGroup, InheritanceKey } from '../../../../shared/contracts/contacts';

type PersonOverview = Extract<ContactOverview, { type: 'person' }>;

/**
 * Edit view side panel of a person with a company: each inheritable field (the address block as one)
 * inherited or overridden, the company's value next to the person's, and "Reset to company value".
 */
export const InheritancePanel: PanelComponent = ({ model, documentId, document }: PanelComponentProps) => {
  const t = useT();
  if (model !== CONTACT_UID || !documentId || !document) return null;
  if (document.type !== 'person' || !hasRelation(document.company)) return null;
  return {
    title: t('contactPanel.inheritance.title', 'Inheritance'),
    content: <InheritanceContent model={model} documentId={documentId} version={String(document.updatedAt ?? '')} />,
  };
};
InheritancePanel.displayName = 'MarketingSetupInheritancePanel';

const InheritanceContent = ({ model, documentId, version }: { model: string; documentId: string; version: string }) => {
  const t = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const problemOf = useProblemOf();
  const refreshDocument = useRefreshDocument();
  const modified = useForm('InheritancePanel', (state) => state.modified);
  const canUpdate = useDocumentRBAC('InheritancePanel', (state) => state.canUpdate) ?? false;

  const [overview, setOverview] = React.useState<PersonOverview | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [confirmAll, setConfirmAll] = React.useState(false);

  // (Re)load when the document is opened and after every save of it (its updatedAt changes).
  React.useEffect(() => {
    let cancelled = false;
    get<{ data: ContactOverview }>(`${API}/contacts/${documentId}/inheritance`)
      .then(({ data }) => {
        if (cancelled) return;
        setOverview(data.data.type === 'person' ? data.data : null);
        setError(null);
      })
      .catch((err) => !cancelled && setError(problemOf(err).message));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId, version]);

  const reset = async (fields: string[] | null) => {
    setBusy(fields ? fields.join(',') : '*');
    try {
      const { data } = await post<{ data: ContactOverview }>(
        `${API}/contacts/${documentId}/reset-inheritance`,
        fields ? { fields } : {},
      );
      if (data.data.type === 'person') setOverview(data.data);
      refreshDocument(model, documentId);
      toggleNotification({
        type: 'success',
        message: fields
          ? t('contactPanel.reset.done', 'The company value was restored.')
          : t('contactPanel.reset.allDone', 'All fields have the company values again.'),
      });
    } catch (err) {
      toggleNotification({ type: 'danger', message: problemOf(err).message });
    } finally {
      setBusy(null);
    }
  };

  if (error) {
    return (
      <Typography variant="pi" textColor="danger600" data-testid="inheritance-error">
        {error}
      </Typography>
    );
  }
  if (!overview) return <Loader small>{t('contactPanel.loading', 'Loading…')}</Loader>;
  if (!overview.company) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('contactPanel.inheritance.noCompany', 'This person has no company, so nothing is inherited.')}
      </Typography>
    );
  }

  const keys = overview.groups.flatMap((g) => g.keys);
  const overriddenCount = keys.filter((k) => k.overridden).length;
  const locked = modified || busy !== null;

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="inheritance-panel">
      <Typography variant="pi" textColor="neutral700">
        {t('contactPanel.inheritance.from', 'Inherits from')}{' '}
        <Link
          tag={RouterLink}
          to={`/content-manager/collection-types/${CONTACT_UID}/${overview.company.documentId}`}
          data-testid="inheritance-company"
        >
          {contactTitle(overview.company)}
        </Link>
      </Typography>
      <Typography variant="pi" textColor="neutral600" data-testid="inheritance-summary">
        {t(
          'contactPanel.inheritance.summary',
          '{overridden, plural, =0 {Every field is inherited.} one {# field is set by hand, {inherited} inherited.} other {# fields are set by hand, {inherited} inherited.}}',
          { overridden: overriddenCount, inherited: keys.length - overriddenCount },
        )}
      </Typography>
      {modified && canUpdate && overriddenCount > 0 && (
        <Typography variant="pi" textColor="warning600" data-testid="inheritance-unsaved">
          {t('contactPanel.inheritance.unsaved', 'Save or discard your changes before resetting fields.')}
        </Typography>
      )}
      {overview.groups.map((group) => (
        <GroupRows
          key={group.flag}
          group={group}
          canReset={canUpdate}
          locked={locked}
          busy={busy}
          onReset={(key) => reset([key.key])}
        />
      ))}
      {canUpdate && overriddenCount > 0 && (
        <Dialog.Root open={confirmAll} onOpenChange={setConfirmAll}>
          <Dialog.Trigger>
            <Button
              variant="secondary"
              size="S"
              fullWidth
              startIcon={<ArrowClockwise />}
              disabled={locked}
              loading={busy === '*'}
              data-testid="inheritance-reset-all"
            >
              {t('contactPanel.reset.all', 'Reset all')}
            </Button>
          </Dialog.Trigger>
          <ConfirmDialog
            variant="danger-light"
            title={t('contactPanel.reset.all.title', 'Reset all fields?')}
            onConfirm={() => reset(null)}
          >
            {t(
              'contactPanel.reset.all.confirm',
              'The {count, plural, one {field set} other {# fields set}} by hand will take the values of {company} again.',
              { count: overriddenCount, company: contactTitle(overview.company) },
            )}
          </ConfirmDialog>
        </Dialog.Root>
      )}
    </Flex>
  );
};

interface GroupRowsProps {
  group: InheritanceGroup;
  canReset: boolean;
  locked: boolean;
  busy: string | null;
  onReset: (key: InheritanceKey) => void;
}

/** The rows of one Inherit switch; the communication fields get a small heading of their own. */
const GroupRows = ({ group, canReset, locked, busy, onReset }: GroupRowsProps) => {
  const t = useT();
  const many = group.keys.length > 1;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid={`inheritance-group-${group.flag}`}>
      <Divider />
      {many && (
        <Typography variant="sigma" textColor="neutral600" tag="h3">
          {t(`field.${group.flag}`, 'Communication details')}
        </Typography>
      )}
      {!group.enabled && (
        <Typography variant="pi" textColor="neutral500">
          {t('contactPanel.inheritance.switchedOff', 'Not passed on: switched off in the Marketing Setup.')}
        </Typography>
      )}
      {group.keys.map((key) => (
        <KeyRow
          key={key.key}
          row={key}
          block={group.block}
          canReset={canReset}
          locked={locked}
          loading={busy === key.key}
          onReset={() => onReset(key)}
        />
      ))}
    </Flex>
  );
};

interface KeyRowProps {
  row: InheritanceKey;
  block: boolean;
  canReset: boolean;
  locked: boolean;
  loading: boolean;
  onReset: () => void;
}

const KeyRow = ({ row, block, canReset, locked, loading, onReset }: KeyRowProps) => {
  const t = useT();
  const label = useFieldLabel();
  const keyText = useKeyText();
  const company = keyText(row, 'company');
  const person = keyText(row, 'person');
  const dash = '—';
  const name = label(row.key, block);
  const bothBlank = company === null && person === null;

  return (
    <Box data-testid={`inheritance-key-${row.key}`} data-state={row.overridden ? 'overridden' : 'inherited'}>
      <Flex justifyContent="space-between" alignItems="center" gap={2}>
        <Typography variant="omega" fontWeight="semiBold" ellipsis>
          {name}
        </Typography>
        {row.overridden ? (
          <Badge backgroundColor="warning100" textColor="warning700" size="S">
            {t('contactPanel.state.overridden', 'Overridden')}
          </Badge>
        ) : (
          <Badge backgroundColor="success100" textColor="success700" size="S">
            {t('contactPanel.state.inherited', 'Inherited')}
          </Badge>
        )}
      </Flex>
      {bothBlank && !row.overridden ? (
        <Typography variant="pi" textColor="neutral500">
          {t('contactPanel.value.blankBoth', 'Blank at the company and here')}
        </Typography>
      ) : (
        <Box
          paddingTop={1}
          style={{ display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: '0.75rem' }}
        >
          <ValueLine label={t('contactPanel.value.company', 'Company')} value={company ?? dash} testId="company" />
          <ValueLine
            label={t('contactPanel.value.person', 'This person')}
            value={person ?? dash}
            testId="person"
            strong={row.overridden}
          />
        </Box>
      )}
      {row.overridden && canReset && (
        <Box paddingTop={2}>
          <Button
            variant="tertiary"
            size="S"
            startIcon={<ArrowClockwise />}
            onClick={onReset}
            disabled={locked}
            loading={loading}
            aria-label={t('contactPanel.reset.oneLabel', 'Reset to company value: {field}', { field: name })}
            data-testid={`inheritance-reset-${row.key}`}
          >
            {t('contactPanel.reset.one', 'Reset to company value')}
          </Button>
        </Box>
      )}
    </Box>
  );
};

/** One label/value pair: two cells of the row's two-column grid, so the values line up. */
const ValueLine = ({
  label,
  value,
  testId,
  strong,
}: {
  label: string;
  value: string;
  testId: string;
  strong?: boolean;
}) => (
  <>
    <Typography variant="pi" textColor="neutral500">
      {label}
    </Typography>
    <Typography
      variant="pi"
      textColor={strong ? 'neutral800' : 'neutral700'}
      fontWeight={strong ? 'semiBold' : undefined}
      data-testid={`value-${testId}`}
      style={{ overflowWrap: 'anywhere' }}
    >
      {value}
    </Typography>
  </>
);
