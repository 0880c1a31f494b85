import type { Core } from '@strapi/strapi';

const P = 'plugin::marketing-setup';

/**
 * Demo data for automatic interaction recording (part of SEED_DEMO_DATA): interaction groups SALES and
 * PURCH, templates S_QUOTE / S_INVOICE / P_ORDER set up for sales quotes, sales invoices and purchase
 * orders, Fabrikam as a customer and Havenlogistiek as a vendor, and one document of each demo type,
 * so the default rules have recorded a few interactions by the time the admin opens. Codes that
 * already exist are reused, and a template already set up for a kind is kept.
 */
export async function seedAutoRecordingDemo(strapi: Core.Strapi) {
  const docs = (name: string) => strapi.documents(`${P}.${name}` as any) as any;
  const byCode = async (name: string, data: Record<string, any>) =>
    (await docs(name).findFirst({ filters: { code: data.code } })) ?? docs(name).create({ data });

  const sales = await byCode('interaction-group', { code: 'SALES', description: 'Sales' });
  const purch = await byCode('interaction-group', { code: 'PURCH', description: 'Purchases' });
  const template = (code: string, description: string, group: any, unitCost: number, unitDurationMin: number) =>
    byCode('interaction-template', { code, description, interactionGroup: group.documentId, unitCost, unitDurationMin, informationFlow: 'outbound', initiatedBy: 'us' });
  const kinds: Record<string, any> = {
    salesQuotes: await template('S_QUOTE', 'Sales quote', sales, 2.5, 5),
    salesInvoices: await template('S_INVOICE', 'Sales invoice', sales, 2.5, 5),
    purchaseOrders: await template('P_ORDER', 'Purchase order', purch, 0, 5),
  };
  const templateSetup = await docs('interaction-template-setup').findFirst({ populate: Object.keys(kinds) });
  const unset = Object.fromEntries(Object.entries(kinds).filter(([k]) => !templateSetup[k]).map(([k, t]) => [k, t.documentId]));
  await docs('interaction-template-setup').update({ documentId: templateSetup.documentId, data: unset });

  // Customers and vendors: business relation codes and number series, then "create as" from two companies.
  const setup = await docs('setup').findFirst({ populate: ['busRelCodeForCustomers', 'busRelCodeForVendors', 'customerNos', 'vendorNos'] });
  const series = async (code: string, description: string, startingNo: string, endingNo: string) => {
    const s = await byCode('no-series', { code, description, defaultNos: true, manualNos: false });
    if (!(await docs('no-series-line').count({ filters: { series: { documentId: s.documentId } } }))) {
      await docs('no-series-line').create({ data: { series: s.documentId, lineNo: 10000, startingNo, endingNo } });
    }
    return s.documentId;
  };
  const data: Record<string, string> = {};
  if (!setup.busRelCodeForCustomers) data.busRelCodeForCustomers = (await byCode('business-relation', { code: 'CUST', description: 'Klant' })).documentId;
  if (!setup.busRelCodeForVendors) data.busRelCodeForVendors = (await byCode('business-relation', { code: 'VEND', description: 'Leverancier' })).documentId;
  if (!setup.customerNos) data.customerNos = await series('CUST', 'Klanten', 'K00010', 'K99990');
  if (!setup.vendorNos) data.vendorNos = await series('VEND', 'Leveranciers', 'L00010', 'L99990');
  await docs('setup').update({ documentId: setup.documentId, data });

  const contact = (name: string) => docs('contact').findFirst({ filters: { name } });
  const relations = strapi.plugin('marketing-setup').service('business-relations') as any;
  const [fabrikam, jan, haven] = [await contact('Fabrikam NV'), await contact('Jan Peeters'), await contact('Havenlogistiek Antwerpen')];
  const customer = await relations.createAs(fabrikam.documentId, 'customer');
  const vendor = await relations.createAs(haven.documentId, 'vendor');
  const today = new Date().toISOString().slice(0, 10);
  await strapi.documents('api::sales-quote.sales-quote' as any).create({
    data: { number: 'SQ1001', customer: customer.documentId, description: 'Printers voor kantoor Gent', date: today, amount: 12500 } as any,
  });
  await strapi.documents('api::sales-invoice.sales-invoice' as any).create({
    data: { number: 'SI1001', customer: customer.documentId, contactPerson: jan.documentId, description: 'Onderhoudscontract 2026', date: today, amount: 1800 } as any,
  });
  await strapi.documents('api::purchase-order.purchase-order' as any).create({
    data: { number: 'PO1001', vendor: vendor.documentId, description: 'Transport printers', date: today, amount: 450 } as any,
    status: 'published',
  });
}
