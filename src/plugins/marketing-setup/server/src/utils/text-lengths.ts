import type { Core } from '@strapi/strapi';
import { PLUGIN } from '../content-types/fields';
import { STRING_COLUMN_LENGTH } from '../domain/write-values';

/** Text types whose `maxLength` Strapi's entity validator checks (a `string` is at most 255 without one). */
const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'password', 'email', 'uid']);

type Attribute = { type?: string; maxLength?: unknown } & Record<string, unknown>;
type Model = { uid?: string; attributes?: Record<string, Attribute> } & Record<string, unknown>;
type Validate = (model: Model, ...rest: unknown[]) => unknown;
interface EntityValidator {
  validateEntityCreation: Validate;
  validateEntityUpdate: Validate;
}

/**
 * A plugin type as Strapi's entity validator is given it: each text attribute's `maxLength` doubled. That validator
 * counts UTF-16 code units (yup's `max`), so it refused a name of 50 emoji as 100 characters, though PostgreSQL's
 * varchar stores 50 characters; n characters take at most 2n units, so doubled it never refuses what the plugin's own
 * check allowed. The limit itself is the plugin's, in characters (code points), on every write before Strapi's
 * validation (domain/write-values.ts, domain/text-length.ts). The registered type, which the Content Manager and
 * the OpenAPI document read, keeps its maxLength.
 */
function inCharacters(model: Model): Model {
  const attributes = Object.fromEntries(
    Object.entries(model.attributes ?? {}).map(([name, a]) => {
      if (!TEXT_TYPES.has(String(a.type))) return [name, a];
      const max = Number.isInteger(a.maxLength)
        ? (a.maxLength as number)
        : a.type === 'string'
          ? STRING_COLUMN_LENGTH
          : null;
      return [name, max === null ? a : { ...a, maxLength: 2 * max }];
    }),
  );
  return { ...model, attributes };
}

/**
 * Strapi's entity validator (the one every document create and update runs) measures the plugin's texts in characters.
 * Called in the plugin's register; other types are validated as before.
 */
export function validateTextLengthsInCharacters(strapi: Core.Strapi): void {
  const validator = strapi.entityValidator as unknown as EntityValidator;
  const models = new WeakMap<Model, Model>();
  const widened = (model: Model) => {
    if (!model?.uid?.startsWith(`plugin::${PLUGIN}.`)) return model;
    let out = models.get(model);
    if (!out) models.set(model, (out = inCharacters(model)));
    return out;
  };
  for (const name of ['validateEntityCreation', 'validateEntityUpdate'] as const) {
    const original = validator?.[name];
    // A Strapi release without this method validates as it does; the plugin's own check still counts characters.
    if (typeof original !== 'function') continue;
    validator[name] = (model, ...rest) => original.call(validator, widened(model), ...rest);
  }
}
