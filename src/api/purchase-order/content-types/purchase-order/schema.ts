import { documentSchema } from '../../../../demo/document-types';

export default documentSchema({ singularName: 'purchase-order', pluralName: 'purchase-orders', displayName: 'Purchase Order', party: 'vendor', draftAndPublish: true });
