/** A block timestamp (ms since epoch) in the reader's locale. */
export function formatDate(ms: bigint): string {
  const d = new Date(Number(ms));
  return Number.isNaN(d.getTime()) ? String(ms) : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
