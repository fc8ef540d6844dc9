/**
 * LevelDB orders keys by their UTF-8 bytes; JavaScript's `<` compares UTF-16 code units, which
 * disagrees for characters above U+FFFF against U+E000–U+FFFF. Every comparison that must agree
 * with the store's order goes through this.
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
