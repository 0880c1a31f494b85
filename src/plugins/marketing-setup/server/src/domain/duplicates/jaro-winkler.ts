/**
 * Jaro-Winkler similarity (0..1): the Jaro similarity of matching characters within half the longer
 * length, raised by 0.1 per equal leading character (up to 4). The classic definition, as `natural`
 * computed it before (issue 16: no deep import of a library's private files for 60 lines of code).
 * Pure: no Strapi, no I/O.
 */
/**
 * Which characters of each word found their match, reused by every call (the duplicate search runs this
 * millions of times; two fresh arrays a call kept the garbage collector busy). Grown for longer words.
 */
let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

function jaro(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.floor(Math.max(a.length, b.length) / 2) - 1;
  if (a.length > matchedA.length) matchedA = new Uint8Array(a.length * 2);
  if (b.length > matchedB.length) matchedB = new Uint8Array(b.length * 2);
  matchedA.fill(0, 0, a.length);
  matchedB.fill(0, 0, b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const end = Math.min(i + window + 1, b.length);
    for (let k = Math.max(0, i - window); k < end; k++) {
      if (matchedB[k] || a[i] !== b[k]) continue;
      matchedA[i] = 1;
      matchedB[k] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, k = 0; i < a.length; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  return (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}
