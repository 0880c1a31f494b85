/** Duplicate search, pure part: BC search strings, normalisation, fuzzy score, one verdict. */
export * from './search-strings';
export * from './normalise';
export * from './fuzzy';
export * from './verdict';
export * from './own-fields';
