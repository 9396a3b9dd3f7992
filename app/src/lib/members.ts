// The member directory's filter and status words: pure, unit-tested.

export type MemberStatusLike =
  | { type: 'Active' }
  | { type: 'Suspended'; value: bigint }
  | { type: 'Resigning'; value: bigint }
  | { type: 'Resigned' }
  | { type: 'Expelled' };

export interface DirectoryEntry {
  address: string;
  /** Words to search besides the address: the token's name and symbol when known. */
  names: string[];
  status: MemberStatusLike;
  hasToken: boolean;
}

/** Entries whose address, or one of whose names, contains every word of `query` (case-insensitive). */
export function filterMembers<T extends DirectoryEntry>(entries: readonly T[], query: string): T[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    const hay = [e.address, ...e.names].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** "Active", "Suspended until 4 Dec 2026, 10:00", ... (instants in ms since epoch). */
export function memberStatusText(status: MemberStatusLike, formatDate: (ms: bigint) => string = (ms) => new Date(Number(ms)).toISOString()): string {
  switch (status.type) {
    case 'Active':
      return 'Active';
    case 'Suspended':
      return `Suspended until ${formatDate(status.value)}`;
    case 'Resigning':
      return `Resigning (cooldown ends ${formatDate(status.value)})`;
    case 'Resigned':
      return 'Resigned';
    case 'Expelled':
      return 'Expelled';
  }
}

/**
 * What a directory search asks for: nothing (the current page), one account (a whole SS58
 * address: one registry question, whatever the number of members), or words to look for in
 * every member's address and token names (all pages are read once, then filtered here).
 */
export type DirectoryQuery = { kind: 'page' } | { kind: 'account'; address: string } | { kind: 'words'; query: string };

/** Classifies the search box's text; `isAddress` tells a whole SS58 address (dedot's decoder). */
export function parseDirectoryQuery(text: string, isAddress: (s: string) => boolean): DirectoryQuery {
  const query = text.trim();
  if (query === '') return { kind: 'page' };
  if (!/\s/.test(query) && isAddress(query)) return { kind: 'account', address: query };
  return { kind: 'words', query };
}

/** Page arithmetic for the registry's paged `members(start, limit)`. */
export function pageCount(total: number, pageSize: number): number {
  return total <= 0 ? 1 : Math.ceil(total / pageSize);
}
