import { bool, contentType, date, dec, enumOf, int, refTo, str, recordNo } from './fields';

export default contentType({
  singularName: 'opportunity',
  pluralName: 'opportunities',
  displayName: 'Opportunity',
  collectionName: 'ms_opportunities',
  attributes: {
    no: recordNo(),
    description: str({ maxLength: 100 }),
    contact: refTo('contact'),
    contactCompany: refTo('contact'),
    salesperson: refTo('salesperson'),
    salesCycle: refTo('sales-cycle'),
    opportunityStatus: enumOf(['notStarted', 'inProgress', 'won', 'lost'], { default: 'notStarted', required: true }),
    priority: enumOf(['low', 'normal', 'high'], { default: 'normal' }),
    closed: bool(false),
    dateClosed: date(),
    creationDate: date(),
    currentSalesCycleStage: int({ min: 1 }),
    estimatedValue: dec({ default: 0 }),
    probabilityPercent: dec({ default: 0 }),
    chancesOfSuccessPercent: dec({ default: 0 }),
    completedPercent: dec({ default: 0 }),
    calcdCurrentValue: dec({ default: 0 }),
    estimatedClosingDate: date(),
    noSeries: str({ maxLength: 20 }),
  },
});
