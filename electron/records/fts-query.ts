/**
 * Turns what an officer types into a safe FTS5 query: every word must match, as a prefix, and no FTS5
 * syntax (quotes, operators, column filters) typed by the user is ever interpreted.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return undefined;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
}
