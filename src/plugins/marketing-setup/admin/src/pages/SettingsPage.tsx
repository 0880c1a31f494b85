import * as React from 'react';
import {
  Blocker,
  Form,
  Layouts,
  Page,
  useFetchClient,
  useNotification,
  useRBAC,
  type FormErrors,
  type FormHelpers,
} from '@strapi/strapi/admin';
import { Alert, Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import { SaveButton } from '../components/SettingsListPage';
import { useIntl, type PrimitiveType } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { Cell, ChoiceField, NumberField, RecordField, Section, TextField, ToggleField } from '../components/fields';
import { RegenerateSearchStrings } from '../components/duplicates/RegenerateSearchStrings';
import { PERMISSIONS } from '../permissions';
import { PATHS } from '../pluginId';
import { API, changedFields, useProblemOf } from '../utils/api';
import type { LookupType, RecordRef } from '../../../shared/contracts/lookups';
import type { SeriesSummary } from '../../../shared/contracts/no-series';
import {
  SETUP_INHERIT_FLAGS,
  SETUP_SCALARS,
  type SetupData,
  type SetupRelation,
} from '../../../shared/contracts/settings';
import { getTrad } from '../utils/getTrad';
import * as interactions from '../components/settings/InteractionTemplatesSection';
import { EmailLoggingPanel } from '../components/settings/EmailLoggingPanel';

/* -------------------------------------------------------------------------------------------------
 * The form model
 * -----------------------------------------------------------------------------------------------*/

const INHERIT = SETUP_INHERIT_FLAGS;

/** Default pickers: field → master-data list it picks from. */
const DEFAULT_PICKERS: [field: SetupRelation, type: LookupType][] = [
  ['defaultSalesperson', 'salesperson'],
  ['defaultTerritory', 'territory'],
  ['defaultCountryRegion', 'country-region'],
  ['defaultLanguage', 'language'],
  ['defaultCompanySalutation', 'salutation'],
  ['defaultPersonSalutation', 'salutation'],
  ['defaultSalesCycle', 'sales-cycle'],
];
const NUMBERING = ['contactNos', 'opportunityNos', 'customerNos', 'vendorNos', 'bankAccountNos'] as const;
/** The business relation a contact gets when it is linked to a customer, a vendor or a bank account. */
const BUSINESS_RELATION_CODES = [
  'busRelCodeForCustomers',
  'busRelCodeForVendors',
  'busRelCodeForBankAccounts',
] as const;
const RELATIONS = [...DEFAULT_PICKERS.map(([f]) => f), ...NUMBERING, ...BUSINESS_RELATION_CODES];
const LOOKUPS: LookupType[] = [
  'salesperson',
  'territory',
  'country-region',
  'language',
  'salutation',
  'sales-cycle',
  'business-relation',
];

const SCALARS = SETUP_SCALARS;

type Setup = SetupData;

type ToggleName =
  | (typeof INHERIT)[number]
  | 'maintainDuplSearchStrings'
  | 'autosearchForDuplicates'
  | 'emailLoggingEnabled'
  | 'emailImapTls'
  | 'emailStoreBodies';
type NumberName = 'searchHitPercent' | 'emailBatchSize' | 'emailCheckIntervalSeconds' | 'emailImapPort';
type TextName = Exclude<(typeof SCALARS)[number], ToggleName | NumberName>;

/** The setup's form values: the scalar fields, and each relation as its documentId (or null). */
type SetupValues = Record<ToggleName, boolean> &
  Record<NumberName, number | null> &
  Record<TextName, string | null> &
  Record<SetupRelation, string | null>;
/** The settings form: the setup and, under their key, the interaction templates per kind. */
type Values = SetupValues & { [interactions.INTERACTIONS_KEY]: Record<string, string | null> };

const toValues = (setup: Setup): SetupValues => {
  const values: Record<string, unknown> = {};
  for (const f of SCALARS) values[f] = setup[f] ?? null;
  for (const f of RELATIONS) values[f] = setup[f]?.documentId ?? null;
  return values as SetupValues;
};

type Coupling = 'maintainOn' | 'autosearchOff' | null;

/* -------------------------------------------------------------------------------------------------
 * Page
 * -----------------------------------------------------------------------------------------------*/

const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, PrimitiveType>) =>
    formatMessage({ id: getTrad(id), defaultMessage }, values);
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const problemOf = useProblemOf();
  const {
    allowedActions: { canUpdate },
    isLoading: loadingRBAC,
  } = useRBAC(PERMISSIONS.update);

  const [setup, setSetup] = React.useState<Setup | null>(null);
  const [lists, setLists] = React.useState<Partial<Record<LookupType, RecordRef[]>>>({});
  const [series, setSeries] = React.useState<SeriesSummary[]>([]);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [coupling, setCoupling] = React.useState<Coupling>(null);
  const [templates, setTemplates] = React.useState<interactions.InteractionTemplatesData | null>(null);

  React.useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const [s, n, it, ...l] = await Promise.all([
          get<{ data: Setup }>(`${API}/settings`),
          get<{ data: SeriesSummary[] }>(`${API}/no-series`),
          interactions.loadInteractionTemplates(get),
          ...LOOKUPS.map((type) => get<{ data: RecordRef[] }>(`${API}/lookups/${type}`, { params: { limit: 500 } })),
        ]);
        if (cancelled) return;
        setSetup(s.data.data);
        setSeries(n.data.data);
        setTemplates(it);
        setLists(Object.fromEntries(LOOKUPS.map((type, i) => [type, l[i].data.data])));
      } catch (err) {
        if (!cancelled) setLoadError(problemOf(err).message);
      }
    })();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const initialValues = React.useMemo(
    (): Values | null =>
      setup && templates
        ? { ...toValues(setup), [interactions.INTERACTIONS_KEY]: interactions.interactionTemplateValues(templates) }
        : null,
    [setup, templates],
  );

  if (loadError) return <Page.Error />;
  if (!setup || !initialValues || loadingRBAC) return <Page.Loading />;

  const readOnly = !canUpdate;
  const seriesRefs: RecordRef[] = series.map((s) => ({ documentId: s.documentId, code: s.code, name: s.description }));

  const handleSubmit = async (values: Values, { setErrors, resetForm }: FormHelpers<Values>) => {
    // The interaction templates have their own route; the rest is the Marketing Setup.
    const { [interactions.INTERACTIONS_KEY]: _templateChanges, ...body } = changedFields(initialValues, values);
    let saved = templates!;
    try {
      saved = await interactions.saveInteractionTemplates(
        put,
        saved,
        initialValues[interactions.INTERACTIONS_KEY],
        values[interactions.INTERACTIONS_KEY],
      );
    } catch (err) {
      const problem = problemOf(err);
      setErrors(interactions.nestInteractionProblem(problem));
      toggleNotification({
        type: 'danger',
        message: Object.keys(problem.fields).length
          ? t('settings.notSaved', 'Nothing was saved. Correct the fields marked in red and save again.')
          : problem.message,
      });
      return;
    }
    try {
      const { data } = Object.keys(body).length
        ? await put<{ data: Setup }>(`${API}/settings`, body)
        : { data: { data: setup } };
      resetForm({
        ...toValues(data.data),
        [interactions.INTERACTIONS_KEY]: interactions.interactionTemplateValues(saved),
      });
      setTemplates(saved);
      setSetup(data.data);
      setCoupling(null);
      toggleNotification({ type: 'success', message: t('settings.saved', 'The Marketing Setup was saved.') });
    } catch (err) {
      const problem = problemOf(err);
      setErrors(problem.fields);
      toggleNotification({
        type: 'danger',
        message: Object.keys(problem.fields).length
          ? saved !== templates
            ? t(
                'settings.partlySaved',
                'The interaction templates were saved, the rest was not. Correct the fields marked in red and save again.',
              )
            : t('settings.notSaved', 'Nothing was saved. Correct the fields marked in red and save again.')
          : problem.message,
      });
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('settings.page.title', 'Marketing Setup')}</Page.Title>
      <Form method="PUT" initialValues={initialValues} onSubmit={handleSubmit} disabled={readOnly}>
        {({ values, errors, onChange, modified, isSubmitting, setErrors }) => {
          const byName = errors as Record<string, unknown>;
          const err = (name: string) => (typeof byName[name] === 'string' ? (byName[name] as string) : undefined);

          /** Every change clears the field's old error; the duplicate switches follow the server's coupling. */
          const change = (name: string, value: unknown) => {
            onChange(name, value);
            if (byName[name]) {
              const { [name]: _gone, ...rest } = byName;
              setErrors(rest as FormErrors<Values>);
            }
            if (name === 'autosearchForDuplicates') {
              if (value === true && !values.maintainDuplSearchStrings) {
                onChange('maintainDuplSearchStrings', true);
                setCoupling('maintainOn');
              } else setCoupling(null);
            }
            if (name === 'maintainDuplSearchStrings') {
              if (value === false && values.autosearchForDuplicates) {
                onChange('autosearchForDuplicates', false);
                setCoupling('autosearchOff');
              } else setCoupling(null);
            }
          };
          const common = <K extends keyof SetupValues>(name: K) => ({
            name,
            value: values[name],
            error: err(name),
            onChange: change,
            disabled: readOnly,
          });

          return (
            <>
              <Layouts.Header
                title={t('settings.header.title', 'Marketing Setup')}
                subtitle={t(
                  'settings.header.subtitle',
                  'How new contacts are filled in, numbered and checked for duplicates.',
                )}
                primaryAction={
                  <SaveButton disabled={readOnly || !modified} loading={isSubmitting} testId="settings-save" />
                }
              />
              <Layouts.Content>
                <Flex direction="column" alignItems="stretch" gap={6}>
                  {readOnly && (
                    <Alert closeLabel={t('action.close', 'Close')} title={t('settings.readOnly.title', 'Read only')}>
                      {t('settings.readOnly', 'You can look at the Marketing Setup, but your role may not change it.')}
                    </Alert>
                  )}

                  <Section
                    id="inheritance"
                    title={t('section.inheritance', 'Inheritance')}
                    subtitle={t(
                      'section.inheritance.subtitle',
                      'Which company fields a contact person takes over from the company.',
                    )}
                  >
                    {INHERIT.map((f) => (
                      <Cell key={f} size={4}>
                        <ToggleField
                          {...common(f)}
                          label={t(`field.${f}`, LABELS[f])}
                          hint={t(`field.${f}.hint`, HINTS[f])}
                        />
                      </Cell>
                    ))}
                  </Section>

                  <Section
                    id="defaults"
                    title={t('section.defaults', 'Defaults')}
                    subtitle={t('section.defaults.subtitle', 'Values a new contact gets when they are left blank.')}
                  >
                    {DEFAULT_PICKERS.map(([f, type]) => (
                      <Cell key={f}>
                        <RecordField
                          {...common(f)}
                          label={t(`field.${f}`, LABELS[f])}
                          hint={t(`field.${f}.hint`, HINTS[f])}
                          options={lists[type] ?? []}
                          current={setup[f]}
                        />
                      </Cell>
                    ))}
                    <Cell>
                      <TextField
                        {...common('defaultFormatRegion')}
                        label={t('field.defaultFormatRegion', LABELS.defaultFormatRegion)}
                        hint={t('field.defaultFormatRegion.hint', HINTS.defaultFormatRegion)}
                      />
                    </Cell>
                    <Cell>
                      <ChoiceField
                        {...common('defaultCorrespondenceType')}
                        label={t('field.defaultCorrespondenceType', LABELS.defaultCorrespondenceType)}
                        hint={t('field.defaultCorrespondenceType.hint', HINTS.defaultCorrespondenceType)}
                        blankLabel={t('correspondence.blank', '(blank)')}
                        choices={[
                          { value: 'hardCopy', label: t('correspondence.hardCopy', 'Hard copy') },
                          { value: 'email', label: t('correspondence.email', 'E-mail') },
                        ]}
                      />
                    </Cell>
                  </Section>

                  <Section
                    id="numbering"
                    title={t('section.numbering', 'Numbering')}
                    subtitle={t('section.numbering.subtitle', 'The number series that give new records their number.')}
                    action={
                      <Link tag={NavLink} to={PATHS.noSeries} data-testid="link-no-series">
                        {t('numbering.manage', 'Manage number series')}
                      </Link>
                    }
                  >
                    {NUMBERING.map((f) => {
                      const picked = series.find((s) => s.documentId === values[f]);
                      return (
                        <Cell key={f}>
                          <RecordField
                            {...common(f)}
                            label={t(`field.${f}`, LABELS[f])}
                            hint={t(`field.${f}.hint`, HINTS[f])}
                            options={seriesRefs}
                            current={setup[f]}
                            footer={<NextNumber series={picked} testId={`next-${f}`} />}
                          />
                        </Cell>
                      );
                    })}
                  </Section>

                  <Section
                    id="business-relations"
                    title={t('section.businessRelations', 'Business relations')}
                    subtitle={t(
                      'section.businessRelations.subtitle',
                      'The business relation a contact gets when a customer, vendor or bank account is created for it.',
                    )}
                  >
                    {BUSINESS_RELATION_CODES.map((f) => (
                      <Cell key={f} size={4}>
                        <RecordField
                          {...common(f)}
                          label={t(`field.${f}`, LABELS[f])}
                          hint={t(`field.${f}.hint`, HINTS[f])}
                          options={lists['business-relation'] ?? []}
                          current={setup[f]}
                        />
                      </Cell>
                    ))}
                  </Section>

                  <Section
                    id="duplicates"
                    title={t('section.duplicates', 'Duplicates')}
                    subtitle={t(
                      'section.duplicates.subtitle',
                      'How contacts that may be the same company or person are found.',
                    )}
                    action={
                      <Flex gap={4}>
                        <Link tag={NavLink} to={PATHS.duplicateSearch} data-testid="link-duplicate-search">
                          {t('duplicates.searchSetup', 'Search-string setup')}
                        </Link>
                        <Link tag={NavLink} to={PATHS.duplicates} data-testid="link-duplicates">
                          {t('duplicates.review', 'Review duplicates')}
                        </Link>
                      </Flex>
                    }
                  >
                    <Cell size={4}>
                      <ToggleField
                        {...common('maintainDuplSearchStrings')}
                        label={t('field.maintainDuplSearchStrings', LABELS.maintainDuplSearchStrings)}
                        hint={t('field.maintainDuplSearchStrings.hint', HINTS.maintainDuplSearchStrings)}
                      />
                    </Cell>
                    <Cell size={4}>
                      <ToggleField
                        {...common('autosearchForDuplicates')}
                        label={t('field.autosearchForDuplicates', LABELS.autosearchForDuplicates)}
                        hint={t('field.autosearchForDuplicates.hint', HINTS.autosearchForDuplicates)}
                      />
                    </Cell>
                    <Cell size={4}>
                      <NumberField
                        {...common('searchHitPercent')}
                        label={t('field.searchHitPercent', LABELS.searchHitPercent)}
                        hint={t('field.searchHitPercent.hint', HINTS.searchHitPercent)}
                      />
                    </Cell>
                    {coupling && (
                      <Cell size={12}>
                        <Box
                          data-testid="coupling-note"
                          background="primary100"
                          borderColor="primary200"
                          padding={3}
                          hasRadius
                        >
                          <Typography variant="omega" textColor="primary700">
                            {coupling === 'maintainOn'
                              ? t(
                                  'duplicates.coupling.maintainOn',
                                  'Automatic search needs maintained search strings, so "Maintain search strings" was switched on as well.',
                                )
                              : t(
                                  'duplicates.coupling.autosearchOff',
                                  'Without maintained search strings there is nothing to search in, so "Search automatically" was switched off as well.',
                                )}
                          </Typography>
                        </Box>
                      </Cell>
                    )}
                    <Cell size={12}>
                      <RegenerateSearchStrings canUpdate={canUpdate} />
                    </Cell>
                  </Section>

                  <Section
                    id="email"
                    title={t('section.email', 'E-mail logging')}
                    subtitle={t(
                      'section.email.subtitle',
                      'Log e-mails to and from contacts as interactions, from a folder of an IMAP mailbox. The password is set on the server (environment), never here.',
                    )}
                  >
                    <Cell size={12}>
                      <ToggleField
                        {...common('emailLoggingEnabled')}
                        maxWidth="calc((100% - 40px) / 3)"
                        label={t('field.emailLoggingEnabled', LABELS.emailLoggingEnabled)}
                        hint={t('field.emailLoggingEnabled.hint', HINTS.emailLoggingEnabled)}
                      />
                    </Cell>
                    <Cell>
                      <TextField
                        {...common('emailImapHost')}
                        label={t('field.emailImapHost', LABELS.emailImapHost)}
                        hint={t('field.emailImapHost.hint', HINTS.emailImapHost)}
                      />
                    </Cell>
                    <Cell size={3}>
                      <NumberField
                        code
                        {...common('emailImapPort')}
                        label={t('field.emailImapPort', LABELS.emailImapPort)}
                        hint={t('field.emailImapPort.hint', HINTS.emailImapPort)}
                      />
                    </Cell>
                    <Cell size={3}>
                      <ToggleField
                        {...common('emailImapTls')}
                        label={t('field.emailImapTls', LABELS.emailImapTls)}
                        hint={t('field.emailImapTls.hint', HINTS.emailImapTls)}
                      />
                    </Cell>
                    <Cell>
                      <TextField
                        {...common('emailImapUser')}
                        label={t('field.emailImapUser', LABELS.emailImapUser)}
                        hint={t('field.emailImapUser.hint', HINTS.emailImapUser)}
                      />
                    </Cell>
                    <Cell>
                      <TextField
                        {...common('emailOurDomains')}
                        label={t('field.emailOurDomains', LABELS.emailOurDomains)}
                        hint={t('field.emailOurDomains.hint', HINTS.emailOurDomains)}
                      />
                    </Cell>
                    <Cell>
                      <ToggleField
                        {...common('emailStoreBodies')}
                        label={t('field.emailStoreBodies', LABELS.emailStoreBodies)}
                        hint={t('field.emailStoreBodies.hint', HINTS.emailStoreBodies)}
                      />
                    </Cell>
                    {(['emailQueueFolder', 'emailStorageFolder'] as const).map((f) => (
                      <Cell key={f}>
                        <TextField
                          {...common(f)}
                          label={t(`field.${f}`, LABELS[f])}
                          hint={t(`field.${f}.hint`, HINTS[f])}
                        />
                      </Cell>
                    ))}
                    {(['emailBatchSize', 'emailCheckIntervalSeconds'] as const).map((f) => (
                      <Cell key={f}>
                        <NumberField
                          {...common(f)}
                          label={t(`field.${f}`, LABELS[f])}
                          hint={t(`field.${f}.hint`, HINTS[f])}
                        />
                      </Cell>
                    ))}
                    <Cell size={12}>
                      <EmailLoggingPanel values={values} onChange={change} canUpdate={canUpdate} />
                    </Cell>
                  </Section>

                  <interactions.InteractionTemplatesSection data={templates!} />
                </Flex>
              </Layouts.Content>
              <Blocker />
            </>
          );
        }}
      </Form>
    </Page.Main>
  );
};

/** The number the next record would get from a series, or why it cannot get one. */
const NextNumber = ({ series, testId }: { series?: SeriesSummary; testId: string }) => {
  const { formatMessage } = useIntl();
  if (!series) return null;
  return (
    <Flex gap={2} paddingTop={1} data-testid={testId}>
      <Typography variant="pi" textColor="neutral600">
        {formatMessage({ id: getTrad('numbering.next'), defaultMessage: 'Next number:' })}
      </Typography>
      {series.nextNo ? (
        <Badge active>{series.nextNo}</Badge>
      ) : (
        <Typography variant="pi" textColor="danger600">
          {series.nextNoError ?? formatMessage({ id: getTrad('numbering.none'), defaultMessage: 'none' })}
        </Typography>
      )}
    </Flex>
  );
};

/** English defaults of labels and hints (the translations live in translations/{en,nl}.json). */
const LABELS: Record<string, string> = {
  inheritSalesperson: 'Salesperson',
  inheritTerritory: 'Territory',
  inheritCountryRegion: 'Country/region',
  inheritLanguage: 'Language',
  inheritAddressDetails: 'Address details',
  inheritCommunicationDetails: 'Communication details',
  inheritFormatRegion: 'Format region',
  defaultSalesperson: 'Salesperson',
  defaultTerritory: 'Territory',
  defaultCountryRegion: 'Country/region',
  defaultLanguage: 'Language',
  defaultFormatRegion: 'Format region',
  defaultCorrespondenceType: 'Correspondence type',
  defaultCompanySalutation: 'Company salutation',
  defaultPersonSalutation: 'Person salutation',
  defaultSalesCycle: 'Sales cycle',
  contactNos: 'Contact numbers',
  opportunityNos: 'Opportunity numbers',
  customerNos: 'Customer numbers',
  vendorNos: 'Vendor numbers',
  bankAccountNos: 'Bank account numbers',
  busRelCodeForCustomers: 'Customers',
  busRelCodeForVendors: 'Vendors',
  busRelCodeForBankAccounts: 'Bank accounts',
  maintainDuplSearchStrings: 'Maintain search strings',
  autosearchForDuplicates: 'Search automatically',
  searchHitPercent: 'Search hit %',
  emailLoggingEnabled: 'Log e-mails',
  emailQueueFolder: 'Queue folder',
  emailStorageFolder: 'Storage folder',
  emailBatchSize: 'Batch size',
  emailCheckIntervalSeconds: 'Check interval (seconds)',
  emailImapHost: 'IMAP host',
  emailImapPort: 'Port',
  emailImapTls: 'TLS',
  emailImapUser: 'IMAP user',
  emailOurDomains: 'Our domains',
  emailStoreBodies: 'Store message bodies',
};

const HINTS: Record<string, string> = {
  inheritSalesperson: 'A person gets the salesperson of their company.',
  inheritTerritory: 'A person gets the territory of their company.',
  inheritCountryRegion: 'A person gets the country/region of their company.',
  inheritLanguage: 'A person gets the language of their company.',
  inheritAddressDetails: 'A person gets the address, postcode, city and county of their company.',
  inheritCommunicationDetails: 'A person gets the phone numbers, e-mail and home page of their company.',
  inheritFormatRegion: 'A person gets the format region (date and number format) of their company.',
  defaultSalesperson: 'Salesperson given to a new contact that has none.',
  defaultTerritory: 'Territory given to a new contact that has none.',
  defaultCountryRegion: 'Country/region given to a new contact that has none.',
  defaultLanguage: 'Language given to a new contact that has none.',
  defaultFormatRegion: 'Date and number format for a new contact without one, for example nl-BE.',
  defaultCorrespondenceType: 'How a new contact prefers to receive documents; blank means no preference.',
  defaultCompanySalutation: 'Salutation used in letters to a new company.',
  defaultPersonSalutation: 'Salutation used in letters to a new person.',
  defaultSalesCycle: 'Sales cycle a new opportunity follows when none is chosen.',
  contactNos: 'Series that gives each new contact its number.',
  opportunityNos: 'Series that gives each new opportunity its number.',
  customerNos: 'Series that gives each new customer its number.',
  vendorNos: 'Series that gives each new vendor its number.',
  bankAccountNos: 'Series that gives each new bank account its number.',
  busRelCodeForCustomers: 'Given to a contact that becomes a customer (for example CUST).',
  busRelCodeForVendors: 'Given to a contact that becomes a vendor (for example VEND).',
  busRelCodeForBankAccounts: 'Given to a contact that becomes a bank account (for example BANK).',
  maintainDuplSearchStrings: 'Keep the search strings up to date when contacts change; needed to find duplicates.',
  autosearchForDuplicates: 'Look for duplicates every time a contact is saved (needs maintained search strings).',
  searchHitPercent: 'How alike two contacts must be to count as duplicates, from 1 to 100.',
  emailLoggingEnabled: 'Turn on to record e-mails with contacts as interactions.',
  emailQueueFolder: 'Mailbox folder where e-mails wait to be logged.',
  emailStorageFolder: 'Mailbox folder where logged e-mails are moved to.',
  emailBatchSize: 'How many e-mails are handled per run; 0 means no limit.',
  emailCheckIntervalSeconds: 'How often the queue folder is checked, in seconds (at least 10).',
  emailImapHost: 'The mail server the e-mails are read from, for example imap.cronus.com.',
  emailImapPort: 'Usually 993 with TLS, 143 without.',
  emailImapTls: 'Connect over TLS (recommended).',
  emailImapUser: 'The mailbox user; the password comes from the server environment.',
  emailOurDomains:
    "Besides the salespeople's e-mails, addresses at these domains are ours, for example cronus.com, cronus.co.uk.",
  emailStoreBodies:
    'Off: only sender, recipients, date and subject are kept. On: also the plain text of each message (at most 64 KB), shown with the interaction.',
};

const ProtectedSettingsPage = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <SettingsPage />
  </Page.Protect>
);

export default ProtectedSettingsPage;
