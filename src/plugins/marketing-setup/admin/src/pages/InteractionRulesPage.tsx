import * as React from 'react';
import { useIntl } from 'react-intl';
import { Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Badge, Checkbox, Flex, Td, Tr, Typography } from '@strapi/design-system';
import { ConfirmAction, useConfirmedDelete } from '../components/ConfirmAction';
import { useT } from '../components/contact-panels/shared';
import { Cell, ChoiceField, FieldFrame, ToggleField, refLabel, type FieldProps } from '../components/fields';
import { FormModal, type FormModalFields } from '../components/FormModal';
import { EmptyList, RecordTable, RowActions, YesNo } from '../components/RecordTable';
import { KIND_LABELS, KNOWN_KINDS } from '../components/settings/documentKinds';
import { Explainer, SettingsListPage } from '../components/SettingsListPage';
import { PERMISSIONS } from '../permissions';
import { API, useProblemOf } from '../utils/api';
import type { RecordRef } from '../../../shared/contracts/lookups';

/* -------------------------------------------------------------------------------------------------
 * What the admin API returns (server/src/admin-api/interaction-rules.ts)
 * -----------------------------------------------------------------------------------------------*/

type RuleEvent = 'create' | 'update' | 'publish';
const EVENTS: RuleEvent[] = ['create', 'update', 'publish'];

/** What a field of the type can be used as (a relation to a contact, customer or vendor; text; a number). */
type FieldUse = 'contact' | 'contactPerson' | 'documentNo' | 'description';

interface HostField {
  name: string;
  /** The caption the Content Manager shows for the field. */
  label: string;
  type: string;
  target?: string;
  usableAs: FieldUse[];
}

interface HostType {
  uid: string;
  displayName: string;
  draftAndPublish: boolean;
  fields: HostField[];
}

interface TemplateRef {
  documentId: string;
  code: string;
  description?: string | null;
  name?: string | null;
}

interface Rule {
  documentId: string;
  contentType: string;
  contentTypeName?: string | null;
  events: RuleEvent[];
  interactionTemplate: TemplateRef | null;
  documentKind: string | null;
  contactField: string | null;
  contactPersonField: string | null;
  documentNoField: string | null;
  descriptionField: string | null;
  required: boolean;
  enabled: boolean;
}

/** The template of a rule as a documentId, whether the API sends the record or its documentId. */
const templateId = (t: TemplateRef | string | null) => (typeof t === 'string' ? t : (t?.documentId ?? null));

/** The rule form's values: the rule's fields, with the template as its documentId. */
type RuleValues = Omit<Rule, 'documentId' | 'contentTypeName' | 'contentType' | 'interactionTemplate'> & {
  contentType: string | null;
  interactionTemplate: string | null;
};

const toValues = (rule: Rule | null): RuleValues => ({
  contentType: rule?.contentType ?? null,
  events: rule?.events ?? ['create'],
  interactionTemplate: rule ? templateId(rule.interactionTemplate) : null,
  documentKind: rule?.documentKind ?? null,
  contactField: rule?.contactField ?? null,
  contactPersonField: rule?.contactPersonField ?? null,
  documentNoField: rule?.documentNoField ?? null,
  descriptionField: rule?.descriptionField ?? null,
  required: rule?.required ?? false,
  enabled: rule?.enabled ?? true,
});

/** The fields of a type that fit a picker (the server says which use each field allows). */
const fieldsFor = (type: HostType | undefined, use: FieldUse) =>
  (type?.fields ?? []).filter((f) => f.usableAs?.includes(use));

const PICKERS: [key: 'contactField' | 'contactPersonField' | 'documentNoField' | 'descriptionField', use: FieldUse][] =
  [
    ['contactField', 'contact'],
    ['contactPersonField', 'contactPerson'],
    ['documentNoField', 'documentNo'],
    ['descriptionField', 'description'],
  ];

/* -------------------------------------------------------------------------------------------------
 * Page: the list
 * -----------------------------------------------------------------------------------------------*/

const InteractionRulesPage = () => {
  const t = useT();
  const { get } = useFetchClient();
  const problemOf = useProblemOf();
  const confirmedDelete = useConfirmedDelete();
  const {
    allowedActions: { canUpdate },
    isLoading: loadingRBAC,
  } = useRBAC(PERMISSIONS.update);
  const [rules, setRules] = React.useState<Rule[] | null>(null);
  const [types, setTypes] = React.useState<HostType[]>([]);
  const [templates, setTemplates] = React.useState<RecordRef[]>([]);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [editing, setEditing] = React.useState<{ rule: Rule | null } | null>(null);
  const [deleting, setDeleting] = React.useState<Rule | null>(null);

  const loadRules = async () => {
    const { data } = await get<{ data: Rule[] }>(`${API}/interaction-rules`);
    setRules(data.data);
  };

  React.useEffect(() => {
    Promise.all([
      loadRules(),
      get<{ data: HostType[] }>(`${API}/interaction-rules/content-types`).then(({ data }) => setTypes(data.data)),
      get<{ meta: { templates: RecordRef[] } }>(`${API}/interaction-template-setup`).then(({ data }) =>
        setTemplates(data.meta?.templates ?? []),
      ),
    ]).catch((err) => setLoadError(problemOf(err).message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const fieldCaption = useFieldCaption(types);
  if (loadError) return <Page.Error />;
  if (!rules || loadingRBAC) return <Page.Loading />;

  const typeName = (uid: string) =>
    types.find((ty) => ty.uid === uid)?.displayName ?? rules.find((r) => r.contentType === uid)?.contentTypeName ?? uid;
  const kindLabel = (kind: string) => t(`interactions.kind.${kind}`, KIND_LABELS[kind] ?? kind);
  const eventLabel = (e: RuleEvent) => t(`rules.event.${e}`, EVENT_LABELS[e]);
  const recordsAs = (rule: Rule) => {
    const template = rule.interactionTemplate;
    if (template)
      return refLabel({
        documentId: template.documentId,
        code: template.code,
        name: template.name ?? template.description ?? null,
      });
    return rule.documentKind
      ? t('rules.list.kindTemplate', 'Template for {kind}', { kind: kindLabel(rule.documentKind) })
      : '';
  };

  const remove = async () => {
    if (!deleting) return;
    await confirmedDelete(`${API}/interaction-rules/${deleting.documentId}`, {
      done: t('rules.deleted', 'The rule was deleted.'),
      then: loadRules,
      close: () => setDeleting(null),
    });
  };

  const headers = [
    t('rules.field.contentType', 'Record type'),
    t('rules.field.events', 'When'),
    t('rules.list.recordsAs', 'Records'),
    t('rules.field.contactField', 'Contact field'),
    t('rules.field.required', 'Required'),
    t('rules.field.enabled', 'Enabled'),
  ];

  return (
    <SettingsListPage
      pageTitle={t('rules.page.title', 'Auto-recording rules')}
      title={t('rules.header.title', 'Auto-recording rules')}
      subtitle={t(
        'rules.header.subtitle',
        'Record an interaction on a contact automatically when a record of your app is saved.',
      )}
      create={
        canUpdate
          ? { label: t('rules.create', 'New rule'), onClick: () => setEditing({ rule: null }), testId: 'rule-create' }
          : undefined
      }
      overlays={
        <>
          <RuleModal
            open={!!editing}
            rule={editing?.rule ?? null}
            readOnly={!canUpdate}
            types={types}
            templates={templates}
            onClose={() => setEditing(null)}
            onSaved={async () => {
              setEditing(null);
              await loadRules();
            }}
          />
          <ConfirmAction open={!!deleting} onCancel={() => setDeleting(null)} onConfirm={remove}>
            {deleting &&
              t('rules.delete.confirm', 'Delete the rule for {type}? Interactions already recorded stay.', {
                type: typeName(deleting.contentType),
              })}
          </ConfirmAction>
        </>
      }
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Explainer testId="rules-explainer">
          {t(
            'rules.explainer',
            'A rule says: "when a record of this type is created (or changed, or published), write an interaction on the contact it points to". Example: every new sales invoice is recorded on the contact of its customer, with the invoice number. No code is needed; the record type only needs a field that points to a contact.',
          )}
        </Explainer>
        <RecordTable
          headers={headers}
          rowCount={rules.length}
          withActions
          empty={
            <EmptyList
              content={t('rules.empty', 'There are no auto-recording rules yet.')}
              create={
                canUpdate
                  ? { label: t('rules.create', 'New rule'), onClick: () => setEditing({ rule: null }) }
                  : undefined
              }
            />
          }
        >
          {rules.map((rule) => (
            <Tr key={rule.documentId} data-testid={`rule-row-${rule.contentType}`}>
              <Td>
                <Typography fontWeight="bold" tag="p">
                  {typeName(rule.contentType)}
                </Typography>
              </Td>
              <Td>
                <Flex gap={1} wrap="wrap">
                  {rule.events.map((e) => (
                    <Badge key={e}>{eventLabel(e)}</Badge>
                  ))}
                </Flex>
              </Td>
              <Td>
                <Typography>{recordsAs(rule)}</Typography>
              </Td>
              <Td>
                <Typography>{rule.contactField ? fieldCaption(rule.contentType, rule.contactField) : ''}</Typography>
              </Td>
              <Td>
                <YesNo value={rule.required} />
              </Td>
              <Td>
                <YesNo value={rule.enabled} />
              </Td>
              <Td>
                <RowActions
                  editLabel={canUpdate ? t('rules.edit', 'Edit rule') : t('rules.view', 'Show rule')}
                  onEdit={() => setEditing({ rule })}
                  deleteLabel={t('rules.delete', 'Delete rule')}
                  onDelete={canUpdate ? () => setDeleting(rule) : undefined}
                />
              </Td>
            </Tr>
          ))}
        </RecordTable>
      </Flex>
    </SettingsListPage>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Create / edit a rule
 * -----------------------------------------------------------------------------------------------*/

const RuleModal = ({
  open,
  rule,
  readOnly,
  types,
  templates,
  onClose,
  onSaved,
}: {
  open: boolean;
  rule: Rule | null;
  readOnly: boolean;
  types: HostType[];
  templates: RecordRef[];
  onClose: () => void;
  onSaved: () => Promise<void>;
}) => {
  const t = useT();
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const initialValues = React.useMemo(() => toValues(rule), [rule]);

  const save = async (values: RuleValues) => {
    if (rule) await put(`${API}/interaction-rules/${rule.documentId}`, values);
    else await post(`${API}/interaction-rules`, values);
    toggleNotification({ type: 'success', message: t('rules.saved', 'The rule was saved.') });
    await onSaved();
  };

  return (
    <FormModal
      open={open}
      title={
        readOnly
          ? t('rules.view.title', 'Auto-recording rule')
          : rule
            ? t('rules.edit.title', 'Edit auto-recording rule')
            : t('rules.create.title', 'New auto-recording rule')
      }
      initialValues={initialValues}
      submitLabel={rule ? t('action.save', 'Save') : t('action.create', 'Create')}
      onClose={onClose}
      onSubmit={save}
      testId="rule-form"
      submitTestId="rule-submit"
      readOnly={readOnly}
    >
      {(form) => <RuleFields form={form} readOnly={readOnly} types={types} templates={templates} />}
    </FormModal>
  );
};

/**
 * A field's caption as the Content Manager shows it: its translation for the admin's language, else the
 * label of the type's view configuration (sent by the server), else the attribute name.
 */
const useFieldCaption = (types: HostType[]) => {
  const { formatMessage } = useIntl();
  return (uid: string | null, name: string) => {
    const label = types.find((ty) => ty.uid === uid)?.fields.find((f) => f.name === name)?.label ?? name;
    return formatMessage({ id: `content-manager.content-types.${uid}.${name}`, defaultMessage: label });
  };
};

const RuleFields = ({
  form,
  readOnly,
  types,
  templates,
}: {
  form: FormModalFields<RuleValues>;
  readOnly: boolean;
  types: HostType[];
  templates: RecordRef[];
}) => {
  const t = useT();
  const { values, field, change } = form;
  const type = types.find((ty) => ty.uid === values.contentType);
  const fieldCaption = useFieldCaption(types);
  const fieldChoices = (list: HostField[]) =>
    list.map((f) => ({ value: f.name, label: fieldCaption(values.contentType, f.name) }));
  const f = <K extends keyof RuleValues>(name: K) => ({
    ...field(name),
    disabled: readOnly,
    label: t(`rules.field.${name}`, LABELS[name]),
    hint: t(`rules.field.${name}.hint`, HINTS[name]),
  });
  const none = t('rules.none', '(none)');

  /** A new type: keep only the field choices that the type has, and no publish event without drafts. */
  const pickType = (name: string, uid: string | null) => {
    change(name, uid);
    const next = types.find((ty) => ty.uid === uid);
    for (const [key, use] of PICKERS) {
      if (values[key] && !fieldsFor(next, use).some((x) => x.name === values[key])) change(key, null);
    }
    const contact = fieldsFor(next, 'contact');
    if (!values.contactField && contact.length === 1) change('contactField', contact[0].name);
    if (!next?.draftAndPublish && values.events.includes('publish'))
      change(
        'events',
        values.events.filter((e: string) => e !== 'publish'),
      );
  };

  return (
    <>
      <Cell size={12}>
        <ChoiceField
          {...f('contentType')}
          onChange={pickType}
          blankLabel={t('rules.contentType.pick', 'Pick a record type')}
          choices={types.map((ty) => ({ value: ty.uid, label: ty.displayName }))}
        />
      </Cell>
      <Cell size={12}>
        <EventsField {...f('events')} draftAndPublish={!!type?.draftAndPublish} />
      </Cell>
      <Cell>
        <ChoiceField
          {...f('interactionTemplate')}
          blankLabel={t('rules.template.byKind', 'Use the document kind’s template')}
          choices={templates.map((x) => ({ value: x.documentId, label: refLabel(x) }))}
        />
      </Cell>
      <Cell>
        <ChoiceField
          {...f('documentKind')}
          blankLabel={none}
          choices={KNOWN_KINDS.map((k) => ({ value: k, label: t(`interactions.kind.${k}`, KIND_LABELS[k]) }))}
        />
      </Cell>
      {PICKERS.map(([key, use]) => (
        <Cell key={key}>
          <ChoiceField
            {...f(key)}
            disabled={readOnly || !type}
            blankLabel={
              !type
                ? t('rules.field.pickTypeFirst', 'Pick a record type first')
                : key === 'contactField'
                  ? t('rules.field.pick', 'Pick a field')
                  : none
            }
            choices={fieldChoices(fieldsFor(type, use))}
          />
        </Cell>
      ))}
      <Cell>
        <ToggleField {...f('required')} />
      </Cell>
      <Cell>
        <ToggleField {...f('enabled')} />
      </Cell>
    </>
  );
};

/** The events as checkboxes; "published" only for types with drafts (others are saved published). */
const EventsField = ({
  disabled,
  value,
  onChange,
  draftAndPublish,
  ...frame
}: FieldProps<RuleEvent[]> & { draftAndPublish: boolean }) => {
  const t = useT();
  const events = EVENTS.filter((e) => e !== 'publish' || draftAndPublish);
  const toggle = (event: RuleEvent, on: boolean) =>
    onChange(
      frame.name,
      EVENTS.filter((e) => (e === event ? on : (value ?? []).includes(e))),
    );
  return (
    <FieldFrame {...frame}>
      <Flex gap={6} paddingTop={1} paddingBottom={1} data-testid={`field-${frame.name}`}>
        {events.map((e) => (
          <Checkbox
            key={e}
            checked={(value ?? []).includes(e)}
            disabled={disabled}
            onCheckedChange={(c) => toggle(e, c === true)}
            data-testid={`event-${e}`}
          >
            {t(`rules.event.${e}`, EVENT_LABELS[e])}
          </Checkbox>
        ))}
      </Flex>
    </FieldFrame>
  );
};

/* -------------------------------------------------------------------------------------------------
 * English defaults (the translations live in translations/{en,nl}.json)
 * -----------------------------------------------------------------------------------------------*/

const EVENT_LABELS: Record<RuleEvent, string> = { create: 'Created', update: 'Changed', publish: 'Published' };

const LABELS: Record<string, string> = {
  contentType: 'Record type',
  events: 'When',
  interactionTemplate: 'Template',
  documentKind: 'Document kind',
  contactField: 'Contact field',
  contactPersonField: 'Contact person field',
  documentNoField: 'Document number field',
  descriptionField: 'Description field',
  required: 'Required',
  enabled: 'Enabled',
};

const HINTS: Record<string, string> = {
  contentType: 'The kind of record that triggers the recording, for example Sales invoice.',
  events: 'Record when such a record is created, changed or (for types with drafts) published.',
  interactionTemplate:
    'The interaction to record. Leave empty to use the template set for the document kind in the settings.',
  documentKind: 'What kind of document the record is; its template is used when no template is picked above.',
  contactField:
    'The field of the record that points to the contact, customer or vendor the interaction is recorded on.',
  contactPersonField:
    'Optional: a field pointing to a contact person; when filled in, the interaction is recorded on that person.',
  documentNoField: 'Optional: the field shown as the document number, for example number.',
  descriptionField: 'Optional: the field used as the description; empty takes the template’s description.',
  required: 'On: saving the record fails when the interaction cannot be recorded. Off: the record is saved anyway.',
  enabled: 'Off: the rule is kept but records nothing.',
};

const ProtectedInteractionRulesPage = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <InteractionRulesPage />
  </Page.Protect>
);

export default ProtectedInteractionRulesPage;
