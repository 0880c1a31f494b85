import * as React from 'react';
import { useForm, type FormErrors } from '@strapi/strapi/admin';
import { Typography } from '@strapi/design-system';
import { useIntl, type PrimitiveType } from 'react-intl';
import { Cell, ChoiceField, Section, refLabel } from '../fields';
import { API, type SaveProblem } from '../../utils/api';
import type { RecordRef } from '../../../../shared/contracts/lookups';
import { getTrad } from '../../utils/getTrad';
import { KIND_GROUPS, KIND_HINTS, KIND_LABELS, KNOWN_KINDS } from './documentKinds';

/**
 * Settings page section "Interactions": which interaction template records each kind of document
 * (Business Central's Interaction Template Setup). It lives in the settings page's form under the key
 * `interactionTemplates` ({ kind: template documentId | null }), so the page's one Save button and its
 * unsaved-changes guard cover it; the page loads and saves it with the helpers below.
 */

/** The form key of the section's values. */
export const INTERACTIONS_KEY = 'interactionTemplates';

/** The fetch client's get and put, as far as the helpers use them. */
type Fetch = <T>(url: string) => Promise<{ data: T }>;
type Put = <T>(url: string, body: Record<string, unknown>) => Promise<{ data: T }>;

export interface InteractionTemplatesData {
  /** The template setup: each kind → the template it records with, or null. */
  setup: Record<string, RecordRef | null>;
  /** Every interaction template, for the pickers. */
  templates: RecordRef[];
}

const SETUP_URL = `${API}/interaction-template-setup`;

/** The setup's template per kind, whatever the response carries besides (documentId, dates …). */
/** A template as the setup route sends it for a kind. */
type TemplateRecord = { documentId?: string; code: string; name?: string | null; description?: string | null };

const toSetup = (data: Record<string, unknown>): Record<string, RecordRef | null> =>
  Object.fromEntries(
    KNOWN_KINDS.map((kind) => {
      const v = data?.[kind] as TemplateRecord | null | undefined;
      return [
        kind,
        v && typeof v === 'object' && v.documentId
          ? { documentId: v.documentId, code: v.code, name: v.name ?? v.description ?? null }
          : null,
      ];
    }),
  );

/** The setup route answers { data: { kind: template | null }, meta: { templates } }. */
type SetupResponse = { data: Record<string, unknown>; meta?: { templates?: RecordRef[] } };
const fromResponse = (res: SetupResponse): InteractionTemplatesData => ({
  setup: toSetup(res.data),
  templates: res.meta?.templates ?? [],
});

/** Loads the setup and the template list (together with the page's own data). */
export const loadInteractionTemplates = async (get: Fetch): Promise<InteractionTemplatesData> =>
  fromResponse((await get<SetupResponse>(SETUP_URL)).data);

/** The form values of the section: kind → template documentId (or null: do not record). */
export const interactionTemplateValues = (data: InteractionTemplatesData) =>
  Object.fromEntries(KNOWN_KINDS.map((kind) => [kind, data.setup[kind]?.documentId ?? null]));

/**
 * Saves the kinds whose template changed (nothing when none did) and returns the new data. A refusal
 * comes back as the server's field messages under the section's key, so they show under the pickers.
 */
export const saveInteractionTemplates = async (
  put: Put,
  data: InteractionTemplatesData,
  initial: Record<string, string | null>,
  values: Record<string, string | null>,
): Promise<InteractionTemplatesData> => {
  const body = Object.fromEntries(Object.entries(values ?? {}).filter(([k, v]) => (initial ?? {})[k] !== v));
  if (!Object.keys(body).length) return data;
  return fromResponse((await put<SetupResponse>(SETUP_URL, body)).data);
};

/** The field messages of a refused save, nested under the section's key as the form expects them. */
export const nestInteractionProblem = (problem: SaveProblem) => ({
  [INTERACTIONS_KEY]: Object.fromEntries(Object.entries(problem.fields).map(([k, v]) => [k.replace(/^data\./, ''), v])),
});

/* -------------------------------------------------------------------------------------------------
 * The section
 * -----------------------------------------------------------------------------------------------*/

export const InteractionTemplatesSection = ({ data }: { data: InteractionTemplatesData }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, PrimitiveType>) =>
    formatMessage({ id: getTrad(id), defaultMessage }, values);
  const values = useForm(
    'InteractionTemplatesSection',
    (s) => (s.values as Record<string, unknown>)[INTERACTIONS_KEY] ?? {},
  ) as Record<string, string | null>;
  const errors = useForm(
    'InteractionTemplatesSection',
    (s) => (s.errors as Record<string, unknown>)[INTERACTIONS_KEY] ?? {},
  ) as Record<string, unknown>;
  const disabled = useForm('InteractionTemplatesSection', (s) => s.disabled);
  const onChange = useForm('InteractionTemplatesSection', (s) => s.onChange);
  const setErrors = useForm('InteractionTemplatesSection', (s) => s.setErrors);
  const allErrors = useForm('InteractionTemplatesSection', (s) => s.errors);

  const change = (name: string, value: string | null) => {
    onChange(`${INTERACTIONS_KEY}.${name}`, value);
    if (errors[name]) {
      const { [name]: _gone, ...rest } = errors;
      setErrors({ ...allErrors, [INTERACTIONS_KEY]: rest } as FormErrors);
    }
  };

  const choicesFor = (kind: string) => {
    const current = data.setup[kind];
    const all =
      current && !data.templates.some((o) => o.documentId === current.documentId)
        ? [current, ...data.templates]
        : data.templates;
    return all.map((o) => ({ value: o.documentId, label: refLabel(o) }));
  };

  const GROUP_TITLES = {
    general: t('interactions.group.general', 'General'),
    sales: t('interactions.group.sales', 'Sales'),
    purchases: t('interactions.group.purchases', 'Purchases'),
  };

  return (
    <Section
      id="interactions"
      title={t('section.interactions', 'Interactions')}
      subtitle={t(
        'section.interactions.subtitle',
        'Which interaction is recorded on the contact when a document of each kind is sent. Choose "Do not record" to record nothing for that kind.',
      )}
    >
      {data.templates.length === 0 && (
        <Cell size={12}>
          <Typography variant="pi" textColor="warning600" data-testid="interactions-no-templates">
            {t(
              'interactions.noTemplates',
              'There are no interaction templates yet. Create them in the Content Manager (Interaction Template), then pick them here.',
            )}
          </Typography>
        </Cell>
      )}
      {KIND_GROUPS.flatMap(({ group, kinds }) => [
        <Cell key={`group-${group}`} size={12}>
          <Typography variant="sigma" textColor="neutral600" tag="h3">
            {GROUP_TITLES[group]}
          </Typography>
        </Cell>,
        ...kinds.map((kind) => (
          <Cell key={kind} size={4}>
            <ChoiceField
              name={`interactionTemplate-${kind}`}
              value={values[kind] ?? null}
              error={typeof errors[kind] === 'string' ? (errors[kind] as string) : undefined}
              disabled={disabled}
              onChange={(_name, value) => change(kind, value)}
              label={t(`interactions.kind.${kind}`, KIND_LABELS[kind])}
              hint={t(`interactions.kind.${kind}.hint`, KIND_HINTS[kind])}
              blankLabel={t('interactions.doNotRecord', 'Do not record')}
              choices={choicesFor(kind)}
            />
          </Cell>
        )),
      ])}
    </Section>
  );
};
