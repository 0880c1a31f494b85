/**
 * The captions Business Central gives the fields (and enumeration values) of the plugin's records, in
 * English and Dutch. One table for the rule messages, the Content Manager configuration (English
 * labels stored at bootstrap) and the admin's Dutch translations of those labels.
 * Pure data: no Strapi.
 */

type Caption = readonly [en: string, nl: string];

/** Field captions by attribute name; the same name means the same caption on every record type. */
const FIELDS: Record<string, Caption> = {
  no: ['No.', 'Nr.'],
  type: ['Type', 'Soort'],
  name: ['Name', 'Naam'],
  name2: ['Name 2', 'Naam 2'],
  searchName: ['Search Name', 'Zoeknaam'],
  firstName: ['First Name', 'Voornaam'],
  middleName: ['Middle Name', 'Tussenvoegsel'],
  surname: ['Surname', 'Achternaam'],
  initials: ['Initials', 'Initialen'],
  jobTitle: ['Job Title', 'Functie'],
  company: ['Company', 'Bedrijf'],
  companyName: ['Company Name', 'Bedrijfsnaam'],
  address: ['Address', 'Adres'],
  address2: ['Address 2', 'Adres 2'],
  postCode: ['Post Code', 'Postcode'],
  city: ['City', 'Plaats'],
  county: ['County', 'Provincie'],
  countryRegion: ['Country/Region', 'Land/regio'],
  phoneNo: ['Phone No.', 'Telefoonnr.'],
  mobilePhoneNo: ['Mobile Phone No.', 'Mobiel telefoonnr.'],
  faxNo: ['Fax No.', 'Faxnr.'],
  telexNo: ['Telex No.', 'Telexnr.'],
  telexAnswerBack: ['Telex Answer Back', 'Telex-antwoordcode'],
  email: ['E-Mail', 'E-mail'],
  email2: ['E-Mail 2', 'E-mail 2'],
  searchEmail: ['Search E-Mail', 'Zoek-e-mail'],
  revision: ['Revision', 'Revisie'],
  homePage: ['Home Page', 'Homepage'],
  extensionNo: ['Extension No.', 'Toestelnr.'],
  pager: ['Pager', 'Pieper'],
  salesperson: ['Salesperson', 'Verkoper'],
  territory: ['Territory', 'Rayon'],
  language: ['Language', 'Taal'],
  formatRegion: ['Format Region', 'Regio-indeling'],
  correspondenceType: ['Correspondence Type', 'Correspondentiesoort'],
  salutation: ['Salutation', 'Aanhef'],
  vatRegistrationNo: ['VAT Registration No.', 'Btw-nummer'],
  registrationNumber: ['Registration Number', 'Inschrijvingsnummer'],
  noSeries: ['No. Series', 'Nummerreeks'],
  privacyBlocked: ['Privacy Blocked', 'Privacy geblokkeerd'],
  inheritanceOverrides: ['Fields Set by Hand', 'Handmatig ingevulde velden'],
  businessRelation: ['Business Relation', 'Bedrijfsrelatie'],
  code: ['Code', 'Code'],
  description: ['Description', 'Omschrijving'],
  title: ['Title', 'Titel'],
  // opportunity
  contact: ['Contact', 'Contact'],
  contactCompany: ['Contact Company', 'Contactbedrijf'],
  salesCycle: ['Sales Cycle', 'Verkoopcyclus'],
  opportunityStatus: ['Status', 'Status'],
  priority: ['Priority', 'Prioriteit'],
  closed: ['Closed', 'Gesloten'],
  dateClosed: ['Date Closed', 'Sluitingsdatum'],
  creationDate: ['Creation Date', 'Aanmaakdatum'],
  currentSalesCycleStage: ['Current Sales Cycle Stage', 'Huidige verkoopcyclusfase'],
  estimatedValue: ['Estimated Value (LCY)', 'Geschatte waarde (LV)'],
  probabilityPercent: ['Probability %', 'Waarschijnlijkheid %'],
  chancesOfSuccessPercent: ['Chances of Success %', 'Slagingskans %'],
  completedPercent: ['Completed %', 'Voltooid %'],
  calcdCurrentValue: ['Calcd. Current Value (LCY)', 'Berekende huidige waarde (LV)'],
  estimatedClosingDate: ['Estimated Closing Date', 'Verwachte sluitingsdatum'],
  // customer, vendor, bank account
  currencyCode: ['Currency Code', 'Valutacode'],
  contactType: ['Contact Type', 'Contactsoort'],
  purchaser: ['Purchaser', 'Inkoper'],
  bankAccountNo: ['Bank Account No.', 'Bankrekeningnr.'],
  iban: ['IBAN', 'IBAN'],
  swiftCode: ['SWIFT Code', 'SWIFT-code'],
  // number series
  defaultNos: ['Default Nos.', 'Standaardnrs.'],
  manualNos: ['Manual Nos.', 'Handmatige nrs.'],
  dateOrder: ['Date Order', 'Datumvolgorde'],
  lines: ['Lines', 'Regels'],
  series: ['Series Code', 'Reekscode'],
  lineNo: ['Line No.', 'Regelnr.'],
  startingDate: ['Starting Date', 'Begindatum'],
  startingNo: ['Starting No.', 'Beginnr.'],
  endingNo: ['Ending No.', 'Eindnr.'],
  warningNo: ['Warning No.', 'Waarschuwingsnr.'],
  incrementBy: ['Increment-by No.', 'Verhogen met'],
  lastNoUsed: ['Last No. Used', 'Laatst gebruikte nr.'],
  lastDateUsed: ['Last Date Used', 'Laatste gebruiksdatum'],
  open: ['Open', 'Open'],
  allowGaps: ['Allow Gaps in Nos.', 'Hiaten in nrs. toestaan'],
  // the setup's relations
  contactNos: ['Contact Nos.', 'Contactnrs.'],
  opportunityNos: ['Opportunity Nos.', 'Verkoopkansnrs.'],
  customerNos: ['Customer Nos.', 'Klantnrs.'],
  vendorNos: ['Vendor Nos.', 'Leveranciersnrs.'],
  bankAccountNos: ['Bank Account Nos.', 'Bankrekeningnrs.'],
  defaultSalesperson: ['Default Salesperson Code', 'Standaardverkopercode'],
  defaultTerritory: ['Default Territory Code', 'Standaardrayoncode'],
  defaultCountryRegion: ['Default Country/Region Code', 'Standaardland-/regiocode'],
  defaultLanguage: ['Default Language Code', 'Standaardtaalcode'],
  defaultCompanySalutation: ['Def. Company Salutation Code', 'Std. aanhefcode bedrijf'],
  defaultPersonSalutation: ['Default Person Salutation Code', 'Std. aanhefcode persoon'],
  defaultSalesCycle: ['Default Sales Cycle Code', 'Standaardverkoopcycluscode'],
  busRelCodeForCustomers: ['Bus. Rel. Code for Customers', 'Rel.code voor klanten'],
  busRelCodeForVendors: ['Bus. Rel. Code for Vendors', 'Rel.code voor leveranciers'],
  busRelCodeForBankAccounts: ['Bus. Rel. Code for Bank Accs.', 'Rel.code voor bankrekeningen'],
  // master data
  blocked: ['Blocked', 'Geblokkeerd'],
  isoCode: ['ISO Code', 'ISO-code'],
  formulas: ['Formulas', 'Formules'],
  salutationType: ['Salutation Type', 'Soort aanhef'],
  text: ['Salutation', 'Aanhef'],
  name1: ['Name 1', 'Naam 1'],
  name3: ['Name 3', 'Naam 3'],
  name4: ['Name 4', 'Naam 4'],
  name5: ['Name 5', 'Naam 5'],
  probabilityCalculation: ['Probability Calculation', 'Waarschijnlijkheidsberekening'],
  stages: ['Stages', 'Fasen'],
  stage: ['Stage', 'Fase'],
  quoteRequired: ['Quote Required', 'Offerte vereist'],
  allowSkip: ['Allow Skip', 'Overslaan toestaan'],
  linkToTable: ['Link to Table', 'Koppelen aan tabel'],
  customer: ['Customer', 'Klant'],
  vendor: ['Vendor', 'Leverancier'],
  bankAccount: ['Bank Account', 'Bankrekening'],
  // interaction templates and log entries
  interactionGroup: ['Interaction Group', 'Interactiegroep'],
  interactionTemplate: ['Interaction Template', 'Interactiesjabloon'],
  unitCost: ['Unit Cost (LCY)', 'Kosten per eenheid (LV)'],
  unitDurationMin: ['Unit Duration (Min.)', 'Duur per eenheid (min.)'],
  informationFlow: ['Information Flow', 'Informatiestroom'],
  initiatedBy: ['Initiated By', 'Geïnitieerd door'],
  ignoreContactCorrespondenceType: ['Ignore Contact Corres. Type', 'Correspondentiesoort contact negeren'],
  entryNo: ['Entry No.', 'Volgnr.'],
  date: ['Date', 'Datum'],
  time: ['Time', 'Tijd'],
  subject: ['Subject', 'Onderwerp'],
  cost: ['Cost (LCY)', 'Kosten (LV)'],
  durationMin: ['Duration (Min.)', 'Duur (min.)'],
  documentKind: ['Document Type', 'Documentsoort'],
  documentNo: ['Document No.', 'Documentnr.'],
  sourceUid: ['Source Record Type', 'Soort bronrecord'],
  sourceDocumentId: ['Source Record', 'Bronrecord'],
  attemptFailed: ['Attempt Failed', 'Poging mislukt'],
  evaluation: ['Evaluation', 'Evaluatie'],
  canceled: ['Canceled', 'Geannuleerd'],
  opportunity: ['Opportunity', 'Verkoopkans'],
  emailLogged: ['E-Mail Logged', 'E-mail vastgelegd'],
  messageId: ['Message ID', 'Bericht-id'],
  emailLogKey: ['E-Mail Log Key', 'Sleutel e-maillogboek'],
  emailBody: ['E-Mail Text', 'E-mailtekst'],
};

/**
 * Captions of enumeration values. The Content Manager's select translates an option with the value
 * itself as message id, so these are registered as admin translations under the bare value.
 */
const ENUM_VALUES: Record<string, Caption> = {
  company: ['Company', 'Bedrijf'],
  person: ['Person', 'Persoon'],
  hardCopy: ['Hard Copy', 'Afdruk'],
  email: ['E-Mail', 'E-mail'],
  notStarted: ['Not Started', 'Niet gestart'],
  inProgress: ['In Progress', 'In behandeling'],
  won: ['Won', 'Gewonnen'],
  lost: ['Lost', 'Verloren'],
  low: ['Low', 'Laag'],
  normal: ['Normal', 'Normaal'],
  high: ['High', 'Hoog'],
  none: ['None', 'Geen'],
  customer: ['Customer', 'Klant'],
  vendor: ['Vendor', 'Leverancier'],
  bankAccount: ['Bank Account', 'Bankrekening'],
  other: ['Other', 'Overig'],
  multiple: ['Multiple', 'Meerdere'],
  formal: ['Formal', 'Formeel'],
  informal: ['Informal', 'Informeel'],
  multiply: ['Multiply', 'Vermenigvuldigen'],
  add: ['Add', 'Optellen'],
  chancesOfSuccess: ['Chances of Success', 'Slagingskans'],
  completed: ['Completed', 'Voltooid'],
  // interactions
  inbound: ['Inbound', 'Inkomend'],
  outbound: ['Outbound', 'Uitgaand'],
  us: ['Us', 'Wij'],
  them: ['Them', 'Zij'],
  veryPositive: ['Very Positive', 'Zeer positief'],
  positive: ['Positive', 'Positief'],
  neutral: ['Neutral', 'Neutraal'],
  negative: ['Negative', 'Negatief'],
  veryNegative: ['Very Negative', 'Zeer negatief'],
  fax: ['Fax', 'Fax'],
};

export type Locale = 'en' | 'nl';
const at = (locale: Locale) => (locale === 'nl' ? 1 : 0);

/** The caption of a field; an unknown field falls back to its attribute name (never blank). */
export const fieldLabel = (field: string, locale: Locale = 'en'): string => FIELDS[field]?.[at(locale)] ?? field;

export const hasFieldLabel = (field: string) => Object.prototype.hasOwnProperty.call(FIELDS, field);

/** The caption of each enumeration value, for the admin translations. */
export const enumValueLabels = (locale: Locale): Record<string, string> =>
  Object.fromEntries(Object.entries(ENUM_VALUES).map(([value, caption]) => [value, caption[at(locale)]]));

/**
 * Admin translations of the Content Manager captions for one language: the edit and list views look a
 * label up as `content-manager.content-types.<uid>.<field>` (the stored English caption is the fallback),
 * and an enumeration option under its bare value.
 */
export function contentManagerMessages(locale: Locale, uids: readonly string[]): Record<string, string> {
  const messages: Record<string, string> = { ...enumValueLabels(locale) };
  // English captions are the stored labels themselves; translating them too would hide an admin's renaming.
  if (locale === 'en') return messages;
  for (const uid of uids) {
    for (const field of Object.keys(FIELDS))
      messages[`content-manager.content-types.${uid}.${field}`] = fieldLabel(field, locale);
  }
  return messages;
}
