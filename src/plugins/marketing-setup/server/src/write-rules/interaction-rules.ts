/**
 * The Strapi side of auto-recording rules: the host application's content types as the rules see
 * them, and the check of every rule write (create / update) against the content type it names, so a
 * rule that could never work is refused with a 400 instead of failing later on a document save.
 */
import type { Core } from '@strapi/strapi';
import type { Write } from '../repositories/unit-of-work';
import type { WriteRules } from './types';
import {
  isHostType,
  validateRule,
  type ContentTypeDescription,
  type RuleDraft,
  RULE_FIELDS,
} from '../domain/auto-recording';
import { relationInput } from '../domain/relation-input';
import { validationError } from '../utils/errors';
import { storedRule, templateIdOf as templateIdByRef } from '../repositories/interaction-rules';

/** A content type's schema as Strapi keeps it (the part read here). */
interface HostContentType {
  info?: { displayName?: string };
  options?: { draftAndPublish?: boolean };
  attributes?: ContentTypeDescription['attributes'];
}

export function describeContentType(strapi: Core.Strapi, uid: string): ContentTypeDescription | null {
  if (!isHostType(uid)) return null;
  const ct = (strapi.contentTypes as unknown as Record<string, HostContentType | undefined>)[uid];
  if (!ct) return null;
  return {
    uid,
    displayName: ct.info?.displayName ?? uid,
    draftAndPublish: !!ct.options?.draftAndPublish,
    attributes: ct.attributes ?? {},
  };
}

/** Every host content type, by display name. */
export const hostContentTypes = (strapi: Core.Strapi): ContentTypeDescription[] =>
  Object.keys(strapi.contentTypes)
    .map((uid) => describeContentType(strapi, uid))
    .filter((ct): ct is ContentTypeDescription => !!ct)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));

/** The template id a write gives (undefined: not touched), checked to exist. */
async function templateIdOf(
  write: Write,
  value: unknown,
  current: { id: number; documentId: string } | null,
): Promise<number | null | undefined> {
  const ref = relationInput(value, current, 'interactionTemplate');
  if (!ref) return ref;
  const id = await templateIdByRef(write.strapi, ref);
  if (id === null)
    throw validationError('The interaction template chosen does not exist (any more).', ['interactionTemplate']);
  return id;
}

/** Checks the rule as it will be after the write; the events are stored normalised. */
async function check(write: Write, stored: Awaited<ReturnType<typeof storedRule>>) {
  const data = (write.params.data ??= {});
  const merged: Record<string, unknown> = {};
  for (const f of RULE_FIELDS) merged[f] = data[f] !== undefined ? data[f] : (stored?.[f] ?? null);
  const template = await templateIdOf(write, data.interactionTemplate, stored?.interactionTemplate ?? null);
  merged.interactionTemplate = template !== undefined ? template : (stored?.interactionTemplate?.id ?? null);
  for (const f of ['contactPersonField', 'documentNoField', 'descriptionField'] as const)
    if (data[f] === '') data[f] = null;
  if (typeof merged.contentType === 'string') merged.contentType = merged.contentType.trim();
  const events = validateRule(
    merged as RuleDraft,
    merged.contentType ? describeContentType(write.strapi, merged.contentType as string) : null,
  );
  if (data.events !== undefined) data.events = events;
}

export const interactionRuleRules: WriteRules = {
  async create(write, next) {
    await check(write, null);
    return next();
  },
  async update(write, next) {
    const stored = await storedRule(write.strapi, write.params.documentId);
    if (stored) await check(write, stored);
    return next();
  },
};
