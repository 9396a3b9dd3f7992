import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useChain } from '../components/ChainContext';
import { Directory, isAddress, type DirectoryRow } from '../contracts/directory';
import { filterMembers, memberStatusText, pageCount, parseDirectoryQuery, type DirectoryQuery } from '../lib/members';
import { href } from '../lib/router';
import { shortAddress } from '../lib/wallet';
import { formatDate } from './format';

const PAGE = 20;

/** What the table shows: a page of the registry, or the result of a search over every member. */
type Listing =
  | { kind: 'page'; rows: DirectoryRow[]; total: number }
  | { kind: 'search'; rows: DirectoryRow[]; total: number; query: DirectoryQuery };

function listingText(l: Listing): string {
  if (l.kind === 'page') return `${l.total} members ever admitted; ${l.rows.length} on this page.`;
  if (l.query.kind === 'account') return l.rows.length ? 'The registry knows this account:' : 'The registry has never admitted this account.';
  return `${l.rows.length} of all ${l.total} members match.`;
}

export function MemberDirectory() {
  const chain = useChain();
  const searchId = useId();
  const [page, setPage] = useState(0);
  const [listing, setListing] = useState<Listing | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [text, setText] = useState('');
  const query = useMemo(() => parseDirectoryQuery(text, isAddress), [text]);
  const directory = useMemo(
    () => (chain.status === 'connected' && chain.registry ? new Directory(chain.client, chain.registry, chain.chain.ss58Prefix) : undefined),
    [chain],
  );
  // Every member's row, read once for word searches (until the member count changes).
  const everyone = useRef<{ count: number; rows: DirectoryRow[] } | undefined>(undefined);

  useEffect(() => {
    if (!directory) return;
    let alive = true;
    setListing(undefined);
    (async (): Promise<Listing> => {
      const total = await directory.memberCount();
      if (query.kind === 'page') return { kind: 'page', rows: await directory.page(page * PAGE, PAGE), total };
      if (query.kind === 'account') {
        const row = await directory.lookup(query.address);
        return { kind: 'search', rows: row ? [row] : [], total, query };
      }
      if (everyone.current?.count !== total) everyone.current = { count: total, rows: await directory.all() };
      return { kind: 'search', rows: filterMembers(everyone.current.rows, query.query), total, query };
    })().then(
      (l) => {
        if (!alive) return;
        setListing(l);
        setError(undefined);
      },
      (e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
    };
  }, [directory, page, query]);

  return (
    <section aria-labelledby="members-heading">
      <h1 id="members-heading">Members</h1>
      <div className="search">
        <label htmlFor={searchId}>Search every member by token name, symbol or address</label>
        <input id={searchId} type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {chain.status !== 'connected' && <p>The member list appears once the app is connected to the node.</p>}
      {error && (
        <p className="error" role="alert">
          Could not load the members: {error}
        </p>
      )}
      {directory && !listing && !error && <p role="status">{query.kind === 'page' ? 'Loading members…' : 'Searching…'}</p>}
      {listing && (
        <>
          <p data-testid="directory-summary">{listingText(listing)}</p>
          <MemberTable rows={listing.rows} caption={listing.kind === 'page' ? `Members on page ${page + 1}` : 'Members matching the search'} />
          {listing.kind === 'page' && <Pager page={page} pages={pageCount(listing.total, PAGE)} onPage={setPage} />}
        </>
      )}
    </section>
  );
}

function MemberTable({ rows, caption }: { rows: DirectoryRow[]; caption: string }) {
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Member</th>
          <th scope="col">Status</th>
          <th scope="col">Token</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.address}>
            <td>
              <a href={href({ page: 'member', address: r.address })}>{shortAddress(r.address)}</a>
            </td>
            <td>{memberStatusText(r.status, formatDate)}</td>
            <td>{r.token ? <a href={href({ page: 'token', address: r.token })}>{r.tokenLabel}</a> : 'none'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  return (
    <nav aria-label="Member pages" className="pager">
      <button type="button" onClick={() => onPage(page - 1)} disabled={page === 0}>
        Previous page
      </button>
      <span>
        Page {page + 1} of {pages}
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page + 1 >= pages}>
        Next page
      </button>
    </nav>
  );
}
