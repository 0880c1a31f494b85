import { contentType, enumOf, str } from './fields';

/**
 * One merge of two contacts, with what its undo needs. Plain fields, not relations to the contacts:
 * a relation would be re-pointed by a later merge of the survivor, and the duplicate no longer exists.
 * Written by the merge service only; read-only over REST; the snapshot is kept out of API responses.
 */
const schema = contentType({
  singularName: 'merge-log',
  inContentManager: false,
  pluralName: 'merge-logs',
  displayName: 'Merge Log',
  description: 'Contacts merged into another one; a merge can be undone from here.',
  collectionName: 'ms_merge_logs',
  attributes: {
    contactType: enumOf(['company', 'person'], { required: true }),
    survivorDocumentId: str({ required: true }),
    survivorNo: str(),
    survivorName: str(),
    duplicateDocumentId: str({ required: true }),
    duplicateNo: str(),
    duplicateName: str(),
    // The fields taken from the duplicate.
    fields: { type: 'json' },
    // Everything undo needs (the duplicate's row and links, the moved link rows, the survivor's old values).
    snapshot: { type: 'json', private: true },
    undoneAt: { type: 'datetime' },
  },
});

// Not editable in the content manager: a hand-edited snapshot would make undo restore the wrong thing.
schema.schema.pluginOptions['content-manager'] = { visible: false };
export default schema;
