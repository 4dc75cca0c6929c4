/**
 * Plain string order by Unicode code points, as measures.md asks for ids and subjects. JavaScript's
 * default comparison orders UTF-16 code units instead, which puts characters above U+E000 after
 * supplementary characters (emoji, rare scripts); moving the surrogate range above them fixes that.
 */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Compares two strings by code points: negative, zero or positive, like a sort comparator. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}
