import { documentSchema } from '../../../../demo/document-types';

export default documentSchema({ singularName: 'sales-invoice', pluralName: 'sales-invoices', displayName: 'Sales Invoice', party: 'customer' });
