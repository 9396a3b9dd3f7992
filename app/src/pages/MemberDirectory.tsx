import { useEffect, useId, useMemo, useState } from 'react';
import { useChain } from '../components/ChainContext';
import { TokenApi } from '../contracts/token';
import { filterMembers, memberStatusText, pageCount, type DirectoryEntry } from '../lib/members';
import { href } from '../lib/router';
import { shortAddress } from '../lib/wallet';
import { formatDate } from './format';

const PAGE = 20;

type Row = DirectoryEntry & { tokenLabel?: string; token?: string };

export function MemberDirectory() {
  const chain = useChain();
  const searchId = useId();
  const [page, setPage] = useState(0);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [rows, setRows] = useState<Row[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [query, setQuery] = useState('');
  const registry = chain.status === 'connected' ? chain.registry : undefined;

  useEffect(() => {
    if (!registry || chain.status !== 'connected') return;
    let alive = true;
    setRows(undefined);
    (async () => {
      const count = await registry.memberCount();
      const members = await registry.membersPage(page * PAGE, PAGE);
      const out: Row[] = await Promise.all(
        members.map(async ({ address, info }) => {
          const row: Row = { address, names: [], status: info.status, hasToken: info.token !== undefined };
          if (info.token) {
            const token = registry.addr(info.token);
            row.token = token;
            try {
              const t = await TokenApi.openVerified(chain.client, registry, token, chain.chain.ss58Prefix);
              const s = await t.summary();
              row.names = [s.name ?? '', s.symbol ?? ''].filter(Boolean);
              row.tokenLabel = s.symbol ? `$${s.symbol}` : shortAddress(token);
            } catch {
              row.tokenLabel = 'unverified token';
            }
          }
          return row;
        }),
      );
      if (alive) {
        setTotal(count);
        setRows(out);
        setError(undefined);
      }
    })().catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [registry, page, chain]);

  const shown = useMemo(() => (rows ? filterMembers(rows, query) : []), [rows, query]);

  return (
    <section aria-labelledby="members-heading">
      <h1 id="members-heading">Members</h1>
      <div className="search">
        <label htmlFor={searchId}>Search by token name or address</label>
        <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {chain.status !== 'connected' && <p>The member list appears once the app is connected to the node.</p>}
      {error && (
        <p className="error" role="alert">
          Could not load the members: {error}
        </p>
      )}
      {chain.status === 'connected' && !rows && !error && <p role="status">Loading members…</p>}
      {rows && (
        <>
          <p>
            {total ?? 0} members ever admitted; {shown.length} shown on this page.
          </p>
          <table>
            <caption className="visually-hidden">Members on page {page + 1}</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Status</th>
                <th scope="col">Token</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
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
          <nav aria-label="Member pages" className="pager">
            <button type="button" onClick={() => setPage((p) => p - 1)} disabled={page === 0}>
              Previous page
            </button>
            <span>
              Page {page + 1} of {pageCount(total ?? 0, PAGE)}
            </span>
            <button type="button" onClick={() => setPage((p) => p + 1)} disabled={page + 1 >= pageCount(total ?? 0, PAGE)}>
              Next page
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
