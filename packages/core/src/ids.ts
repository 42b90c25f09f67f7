const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function randomWord(random: () => number): number {
  return Math.floor(random() * 0x100000000) >>> 0;
}

function hexOf(word: number): string {
  return (HEX[word >>> 24] as string) + HEX[(word >>> 16) & 0xff] + HEX[(word >>> 8) & 0xff] + HEX[word & 0xff];
}

/** A version 4 UUID drawn from the execution's randomness (so tests can make it repeatable). */
export function randomUuid(random: () => number): string {
  const a = hexOf(randomWord(random));
  const b = hexOf(((randomWord(random) & 0xffff0fff) | 0x00004000) >>> 0);
  const c = hexOf(((randomWord(random) & 0x3fffffff) | 0x80000000) >>> 0);
  const d = hexOf(randomWord(random));
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}
