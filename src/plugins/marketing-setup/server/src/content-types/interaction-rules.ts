import { DOCUMENT_KINDS } from '../../../shared/contracts/interactions';
import { bool, contentType, enumOf, refTo, str } from './fields';

/**
 * An auto-recording rule (issue 7 item 4): when an entry of `contentType` fires one of `events`, an
 * interaction is recorded for the contact found through `contactField` (or `contactPersonField`, which
 * wins when set), with the template of the rule or the template set up for `documentKind`.
 * Field names are attribute names of that content type; the write rules check them.
 */
export const interactionRule = contentType({
  singularName: 'interaction-rule',
  inContentManager: false,
  pluralName: 'interaction-rules',
  displayName: 'Interaction Rule',
  description: 'Records an interaction automatically when an entry of a content type is created, updated or published.',
  collectionName: 'ms_interaction_rules',
  attributes: {
    contentType: str({ required: true, maxLength: 255 }),
    events: { type: 'json', required: true },
    interactionTemplate: refTo('interaction-template'),
    documentKind: enumOf([...DOCUMENT_KINDS]),
    contactField: str({ required: true, maxLength: 100 }),
    contactPersonField: str({ maxLength: 100 }),
    documentNoField: str({ maxLength: 100 }),
    descriptionField: str({ maxLength: 100 }),
    required: bool(false),
    enabled: bool(true),
  },
});
