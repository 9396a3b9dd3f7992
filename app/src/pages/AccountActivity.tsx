// One account's activity across the suite: every event that names it or follows what it is
// party to (accountActivity), newest first, each with the token it is about.
import { useMemo, useState } from 'react';
import { accountActivity, describeEvent, sourceLabel } from '../activity/derive';
import { useActivity } from '../activity/useActivity';
import { useChain, useMoney } from '../components/ChainContext';
import { suiteContracts, useSuite } from '../components/useSuite';
import { formatAmount } from '../lib/amount';
import { NETWORK } from '../network';
import { formatDate } from './format';

const PAGE = 30;

/** A token's amounts with its decimals and symbol (governance and registry events carry none). */
const unitsOf = (token: { label: string; decimals: number } | undefined) => (v: bigint) => formatAmount(v, { decimals: token?.decimals ?? 0, symbol: token?.label.replace(/^\$/, '') });

export function AccountActivity({ account }: { account: string }) {
  const chain = useChain();
  const money = useMoney();
  const suite = useSuite();
  const [showAll, setShowAll] = useState(false);
  const watched = useMemo(() => (suite ? suiteContracts(suite, NETWORK.ok ? NETWORK.registry : undefined) : []), [suite]);
  const { events, error } = useActivity(watched);
  const mine = useMemo(() => (events && suite ? accountActivity(events, account, (a) => suite.governance.addr(a)).reverse() : undefined), [events, suite, account]);
  if (chain.status !== 'connected') return null;
  return (
    <>
      <h2>Activity</h2>
      {error && <p role="alert">The activity could not be read: {error}</p>}
      {!mine && !error && <p role="status">Reading the activity from the chain…</p>}
      {mine && mine.length === 0 && <p>No activity yet.</p>}
      {mine && suite && mine.length > 0 && (
        <ol className="activity" data-testid="account-activity">
          {mine.slice(0, showAll ? mine.length : PAGE).map((e) => {
            const units = unitsOf(suite.tokens.get(e.contract));
            const label = sourceLabel(e.contract, suite.tokens);
            return (
              <li key={`${e.block}-${e.index}`} data-event={e.name} data-block={e.block}>
                <span className="when">
                  #{e.block} · {formatDate(e.at)}
                </span>{' '}
                {label ? `${label}: ` : ''}
                {describeEvent(e, { units, money, account: (a) => suite.governance.addr(a) })}
              </li>
            );
          })}
        </ol>
      )}
      {mine && !showAll && mine.length > PAGE && (
        <button type="button" onClick={() => setShowAll(true)}>
          Show all {mine.length} events
        </button>
      )}
    </>
  );
}
