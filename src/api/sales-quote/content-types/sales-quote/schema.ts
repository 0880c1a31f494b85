import { documentSchema } from '../../../../demo/document-types';

export default documentSchema({ singularName: 'sales-quote', pluralName: 'sales-quotes', displayName: 'Sales Quote', party: 'customer' });
