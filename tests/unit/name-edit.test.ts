/**
 * An update of a person's name: the field the user changed wins (the reference validates the field typed into:
 * Name splits into the parts, a part rebuilds Name). The Content Manager sends the whole record and an import row
 * every column, so each value is compared with the stored one.
 */
import {
  applyContactFieldRules,
  nameEditOf,
  personNameUpdate,
} from '../../src/plugins/marketing-setup/server/src/domain/contact-fields';
import { partsSpellName } from '../../src/plugins/marketing-setup/server/src/domain/names';
import { violation } from '../helpers/violation';

const sofie = {
  type: 'person',
  no: 'CT000008',
  name: 'Sofie Claes',
  firstName: 'Sofie',
  middleName: null,
  surname: 'Claes',
  searchName: 'SOFIE CLAES',
  email: null,
};
/** What the Content Manager's form sends: every name field, as loaded, with the user's edits. */
const form = (edits: Record<string, unknown>) => ({
  name: sofie.name,
  firstName: sofie.firstName,
  middleName: '',
  surname: sofie.surname,
  searchName: sofie.searchName,
  ...edits,
});

describe('nameEditOf: what a request changed, compared with the stored values', () => {
  it.each([
    [{ name: 'Sofie Janssens', firstName: 'Sofie', surname: 'Claes' }, true, []],
    [{ name: 'Sofie Claes', firstName: 'Sofie', surname: 'Janssens' }, false, ['surname']],
    [{ name: 'Sofie  Claes ', firstName: ' Sofie', middleName: '', surname: 'Claes' }, false, []],
    [{ name: 'sofie claes' }, true, []],
    [{ middleName: 'Marie' }, false, ['middleName']],
    [{ name: 'Sofie Janssens', surname: 'Janssens' }, true, ['surname']],
  ])('%j → name changed %j, parts changed %j', (changes, nameChanged, changedParts) => {
    expect(nameEditOf(sofie, changes)).toEqual({ nameChanged, changedParts });
  });
});

describe('personNameUpdate: the field the user changed wins', () => {
  it('the name changed, the parts sent back unchanged (Content Manager, import row): the name is split again', () => {
    expect(personNameUpdate(sofie, form({ name: 'Sofie Janssens' }))).toEqual({
      name: 'Sofie Janssens',
      firstName: 'Sofie',
      middleName: null,
      surname: 'Janssens',
    });
    // An import row: No.;Name;First Name;Surname = CT000008;Sofie Janssens;Sofie;Claes.
    expect(personNameUpdate(sofie, { name: 'Sofie Janssens', firstName: 'Sofie', surname: 'Claes' })).toEqual({
      name: 'Sofie Janssens',
      firstName: 'Sofie',
      middleName: null,
      surname: 'Janssens',
    });
    // The name keeps what was typed; the split reads it as it would a new name.
    expect(personNameUpdate(sofie, form({ name: 'Dr. Sofie Marie Claes' }))).toEqual({
      name: 'Dr. Sofie Marie Claes',
      firstName: 'Sofie',
      middleName: 'Marie',
      surname: 'Claes',
    });
  });

  it('the name changed with an unchanged part that stands in it (a REST hint): that part, the rest from the name', () => {
    const jan = { type: 'person', name: 'Jan Peeters', firstName: 'Jan', middleName: null, surname: 'Peeters' };
    expect(personNameUpdate(jan, { name: 'Peeters Xandro', surname: 'Peeters' })).toEqual({
      name: 'Xandro Peeters',
      firstName: 'Xandro',
      middleName: null,
      surname: 'Peeters',
    });
  });

  it('a REST PUT of the name alone splits it, as before', () => {
    expect(personNameUpdate(sofie, { name: 'Sofie Janssens' })).toEqual({
      name: 'Sofie Janssens',
      firstName: 'Sofie',
      middleName: null,
      surname: 'Janssens',
    });
  });

  it('a part changed, the name sent back unchanged: the name is rebuilt from the parts', () => {
    expect(personNameUpdate(sofie, form({ surname: 'Janssens' }))).toEqual({
      name: 'Sofie Janssens',
      firstName: 'Sofie',
      middleName: null,
      surname: 'Janssens',
    });
    expect(personNameUpdate(sofie, { firstName: 'Sophie' })).toEqual({ name: 'Sophie Claes', firstName: 'Sophie' });
  });

  it('both changed and the parts spell the name: both kept, the name as typed', () => {
    expect(personNameUpdate(sofie, form({ name: 'Sofie Janssens', surname: 'Janssens' }))).toEqual({
      name: 'Sofie Janssens',
      firstName: 'Sofie',
      middleName: null,
      surname: 'Janssens',
    });
    expect(personNameUpdate(sofie, form({ name: 'Janssens Sofie', surname: 'Janssens' }))).toMatchObject({
      name: 'Janssens Sofie',
      firstName: 'Sofie',
      surname: 'Janssens',
    });
  });

  it('both changed, a name sent with some of its parts that stand in it: the name fills the others', () => {
    expect(personNameUpdate(sofie, { name: 'Wuyts Xandro', surname: 'Wuyts' })).toEqual({
      name: 'Xandro Wuyts',
      firstName: 'Xandro',
      middleName: null,
      surname: 'Wuyts',
    });
  });

  it('both changed and they disagree: refused with a sentence naming the fields, nothing dropped silently', () => {
    const err = violation(() => personNameUpdate(sofie, form({ name: 'Sofie Janssens', surname: 'Peeters' })));
    expect(err.message).toBe(
      'Name "Sofie Janssens" and Surname "Peeters" were both changed and do not agree (the parts make ' +
        '"Sofie Peeters"): change the name or its parts, or make the parts spell the name.',
    );
    expect(err.path).toEqual(['name', 'surname']);
    expect(
      violation(() => personNameUpdate(sofie, { name: 'Anna Janssens', firstName: 'Jana', surname: 'Maes' })).path,
    ).toEqual(['name', 'firstName', 'surname']);
  });

  it('nothing changed: nothing written, so a name that is not its parts (a title) stays', () => {
    const doctor = { ...sofie, name: 'Dr. Sofie Claes', searchName: 'DR. SOFIE CLAES' };
    expect(personNameUpdate(doctor, form({ name: 'Dr. Sofie Claes' }))).toEqual({});
    expect(personNameUpdate(sofie, { city: 'Gent' })).toBeNull();
  });
});

describe('applyContactFieldRules: a Content Manager save of a rename', () => {
  it('the search name sent back as stored follows the new name; a hand-set one is kept', () => {
    expect(applyContactFieldRules('person', sofie, form({ name: 'Sofie Janssens' }))).toEqual({
      name: 'Sofie Janssens',
      firstName: 'Sofie',
      middleName: null,
      surname: 'Janssens',
      searchName: 'SOFIE JANSSENS',
    });
    const handSet = { ...sofie, searchName: 'CLAES S' };
    expect(
      applyContactFieldRules('person', handSet, form({ name: 'Sofie Janssens', searchName: 'CLAES S' })).searchName,
    ).toBe('CLAES S');
    expect(applyContactFieldRules('person', sofie, form({ searchName: 'sofie' })).searchName).toBe('SOFIE');
  });

  it('an unchanged form writes no name field; a company becoming a person is split as before', () => {
    expect(applyContactFieldRules('person', sofie, form({}))).toEqual({});
    const company = { type: 'company', name: 'Peeters', firstName: null, middleName: null, surname: null };
    expect(
      applyContactFieldRules('person', company, {
        firstName: null,
        middleName: null,
        surname: 'Peeters',
        type: 'person',
      }),
    ).toMatchObject({ name: 'Peeters', surname: 'Peeters' });
  });
});

describe('partsSpellName', () => {
  it.each([
    ['Sofie Janssens', ['Sofie', null, 'Janssens'], true],
    ['Janssens Sofie', ['Sofie', null, 'Janssens'], true],
    ['Dr. Lies Peeters', ['Lies', null, 'Peeters'], true],
    ['anna maria VAN dijk', ['Anna Maria', 'van', 'Dijk'], true],
    ['Sofie Janssens', ['Sofie', null, 'Peeters'], false],
    ['Sofie Janssens', ['Sofie', 'Marie', 'Janssens'], false],
    ['', [null, null, null], false],
  ])('%j by %j → %j', (name, [firstName, middleName, surname], expected) => {
    expect(partsSpellName(name, { firstName, middleName, surname })).toBe(expected);
  });
});

describe('one word is the surname', () => {
  it('POST of a person named "Peeters" stores the surname Peeters and no first name', () => {
    expect(applyContactFieldRules('person', null, { type: 'person', name: 'Peeters' })).toMatchObject({
      name: 'Peeters',
      firstName: null,
      middleName: null,
      surname: 'Peeters',
    });
  });

  it('unless it is a known first name: "Jan" stays the first name', () => {
    expect(applyContactFieldRules('person', null, { type: 'person', name: 'Jan' })).toMatchObject({
      name: 'Jan',
      firstName: 'Jan',
      surname: null,
    });
  });
});
