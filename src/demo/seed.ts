import type { Core } from '@strapi/strapi';
import { seedAutoRecordingDemo } from './auto-recording';

/**
 * The optional demo data set (SEED_DEMO_DATA=true): salespeople, territories, languages, countries,
 * salutations, a sales cycle, number series CONT (CT000001…) and OPP (OP000001…), and a handful of
 * Belgian companies with their persons. Runs once: skipped when any contact exists. Every record is
 * written through the document service, so the plugin's rules (numbering, inheritance) apply.
 */
const P = 'plugin::marketing-setup';

export async function seedDemoData(strapi: Core.Strapi) {
  const docs = (name: string) => strapi.documents(`${P}.${name}` as any) as any;
  if ((await docs('contact').count({})) > 0) return;
  const byCode = async (name: string, rows: Record<string, any>[]) =>
    Object.fromEntries(await Promise.all(rows.map(async (r) => [r.code, (await docs(name).create({ data: r })).documentId])));

  const sp = await byCode('salesperson', [
    { code: 'AB', name: 'Annelies Bauwens', email: 'ab@cronus.be' },
    { code: 'JR', name: 'Jan Rommens', email: 'jr@cronus.be' },
  ]);
  const ter = await byCode('territory', [{ code: 'EAST', name: 'Oost-Vlaanderen' }, { code: 'NORTH', name: 'Antwerpen' }, { code: 'SOUTH', name: 'Wallonië' }]);
  const lang = await byCode('language', [
    { code: 'NLB', name: 'Nederlands (België)', formatRegion: 'nl-BE' },
    { code: 'FRB', name: 'Français (Belgique)', formatRegion: 'fr-BE' },
    { code: 'ENU', name: 'English', formatRegion: 'en-US' },
  ]);
  const country = await byCode('country-region', [{ code: 'BE', name: 'België', isoCode: 'BE' }, { code: 'NL', name: 'Nederland', isoCode: 'NL' }]);
  const sal = await byCode('salutation', [{ code: 'COMPANY', description: 'Company' }, { code: 'UNISEX', description: 'Unisex' }]);
  const formulas = [
    { salutation: sal.COMPANY, salutationType: 'formal', text: 'Geachte heer/mevrouw,' },
    { salutation: sal.UNISEX, salutationType: 'formal', text: 'Beste %1 %2 %3,', name1: 'firstName', name2: 'middleName', name3: 'surname' },
    { salutation: sal.UNISEX, salutationType: 'informal', text: 'Hallo %1,', name1: 'firstName' },
    { salutation: sal.UNISEX, language: lang.ENU, salutationType: 'formal', text: 'Dear %1 %2,', name1: 'firstName', name2: 'surname' },
  ];
  for (const f of formulas) await docs('salutation-formula').create({ data: f });
  const cycle = await docs('sales-cycle').create({ data: { code: 'NEW', description: 'Nieuwe klanten', probabilityCalculation: 'multiply' } });
  for (const [stage, description, completed, chances] of [[1, 'Eerste contact', 10, 50], [2, 'Offerte', 50, 60], [3, 'Onderhandeling', 80, 75]] as const) {
    await docs('sales-cycle-stage').create({ data: { salesCycle: cycle.documentId, stage, description, completedPercent: completed, chancesOfSuccessPercent: chances } });
  }
  const series = async (code: string, description: string, startingNo: string, endingNo: string) => {
    const s = await docs('no-series').create({ data: { code, description, defaultNos: true, manualNos: false } });
    await docs('no-series-line').create({ data: { series: s.documentId, lineNo: 10000, startingNo, endingNo, warningNo: endingNo.replace(/\d$/, '0') } });
    return s.documentId;
  };
  const setup = await docs('setup').findFirst({});
  await docs('setup').update({
    documentId: setup.documentId,
    data: {
      contactNos: await series('CONT', 'Contacten', 'CT000001', 'CT100000'),
      opportunityNos: await series('OPP', 'Opportunities', 'OP000001', 'OP999999'),
      defaultLanguage: lang.NLB, defaultCountryRegion: country.BE, defaultTerritory: ter.EAST,
      defaultCompanySalutation: sal.COMPANY, defaultPersonSalutation: sal.UNISEX, defaultSalesCycle: cycle.documentId,
      defaultCorrespondenceType: 'email',
    },
  });

  const companies = [
    { name: 'Fabrikam NV', address: 'Kerkstraat 1', postCode: '9000', city: 'Gent', phoneNo: '09 111 11 11', email: 'info@fabrikam.be', vatRegistrationNo: 'BE0123456749', salesperson: sp.AB, territory: ter.EAST,
      persons: ['Jan Peeters', 'Anna Maria van Dijk'] },
    { name: 'Brouwerij De Klok BV', address: 'Grote Markt 12', postCode: '8000', city: 'Brugge', phoneNo: '050 22 33 44', email: 'contact@deklok.be', salesperson: sp.JR, territory: ter.EAST,
      persons: ['Els Wouters'] },
    { name: 'Havenlogistiek Antwerpen', address: 'Noorderlaan 100', postCode: '2030', city: 'Antwerpen', phoneNo: '03 555 66 77', email: 'info@havenlogistiek.be', salesperson: sp.JR, territory: ter.NORTH,
      persons: ['Tom Janssens', 'Sofie Claes'] },
    { name: 'Atelier Lumière SPRL', address: 'Rue de la Station 5', postCode: '5000', city: 'Namur', phoneNo: '081 12 34 56', email: 'bonjour@lumiere.be', language: lang.FRB, territory: ter.SOUTH,
      persons: ['Camille Dubois'] },
  ];
  for (const { persons, ...company } of companies) {
    const c = await docs('contact').create({ data: { type: 'company', countryRegion: country.BE, ...company } });
    for (const name of persons) await docs('contact').create({ data: { type: 'person', name, company: c.documentId } });
  }
  const jan = await docs('contact').findFirst({ filters: { name: 'Jan Peeters' } });
  await docs('opportunity').create({ data: { description: 'Nieuwe printers voor kantoor Gent', contact: jan.documentId, estimatedValue: 12500 } });
  await seedAutoRecordingDemo(strapi);
  strapi.log.info('marketing-setup demo data loaded: 4 companies, 6 persons, series CONT and OPP, a customer, a vendor and three documents recorded as interactions.');
}
