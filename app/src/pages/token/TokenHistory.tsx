import { useMemo, useState } from 'react';
import { describeEvent, holdersFrom, pricePoints } from '../../activity/derive';
import { useActivity } from '../../activity/useActivity';
import { useMoney } from '../../components/ChainContext';
import { useSplitter } from '../../components/useSplitter';
import { percent } from '../../lib/offering';
import { PriceChart, type ChartPoint } from '../../components/PriceChart';
import { shortAddress } from '../../lib/wallet';
import { formatDate } from '../format';
import { tokenUnits, type Loaded } from './loaded';

/** The token's history from its events (and its splitter's): price chart, holders, activity. */
export function TokenHistory({ loaded }: { loaded: Loaded }) {
  const money = useMoney();
  const { api, summary: s } = loaded;
  const splitter = useSplitter(s.issuer);
  const units = tokenUnits(s);
  const watched = useMemo(
    () => [{ kind: 'personal_token' as const, address: s.address }, ...(splitter ? [{ kind: 'payout_splitter' as const, address: splitter }] : [])],
    [s.address, splitter],
  );
  const { events, error, scanMs } = useActivity(watched);
  const [showAll, setShowAll] = useState(false);
  const account = (a: { address(prefix?: number): string }) => api.addr(a);
  const prices = useMemo(() => (events ? pricePoints(events, { decimals: s.decimals, supply: s.totalSupply }) : []), [events, s.decimals, s.totalSupply]);
  const holders = useMemo(() => (events ? holdersFrom(events.filter((e) => e.contract === s.address), (a) => api.addr(a)) : []), [events, s.address, api]);
  if (error) return <p className="error">Could not read the token's history: {error}</p>;
  if (!events) return <p role="status">Reading the token's history from the chain…</p>;
  const chartPoints: ChartPoint[] = prices.map((p) => ({
    key: `${p.block}-${p.index}`,
    at: p.at,
    value: p.pricePerToken,
    label: `${formatDate(p.at)}: ${money(p.pricePerToken)} per $${s.symbol ?? 'token'} (${p.source}), valuing the supply at ${money(p.valuation)}`,
  }));
  return (
    <>
      <h2>Price</h2>
      {chartPoints.length === 0 ? <p>No price yet: no sale, first refusal or settled offering.</p> : <PriceChart title={`Price per $${s.symbol ?? 'token'} over time`} points={chartPoints} testId="price-chart" axis={chartAxis(chartPoints, money)} />}
      <h2>Holders</h2>
      <table data-testid="holders">
        <caption className="visually-hidden">Holders rebuilt from the token's transfers</caption>
        <thead>
          <tr>
            <th scope="col">Holder</th>
            <th scope="col">Balance</th>
            <th scope="col">Share of the supply</th>
          </tr>
        </thead>
        <tbody>
          {holders.map((h) => (
            <tr key={h.account}>
              <td className="address">{h.account === s.issuer ? `${shortAddress(h.account)} (issuer)` : shortAddress(h.account)}</td>
              <td>{units(h.balance)}</td>
              <td>{percent(h.balance, s.totalSupply)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Activity</h2>
      <p className="muted" data-testid="activity-summary">
        {events.length} events since the deployment{scanMs !== undefined ? `, read from the chain in ${scanMs} ms` : ''}.
      </p>
      <ol className="activity" data-testid="activity" reversed>
        {newestFirst(events, showAll ? events.length : FEED_PAGE).map((e) => (
          <li key={`${e.block}-${e.index}`} data-event={e.name} data-block={e.block}>
            <span className="when">
              #{e.block} · {formatDate(e.at)}
            </span>{' '}
            {describeEvent(e, { units, money, account })}
          </li>
        ))}
      </ol>
      {!showAll && events.length > FEED_PAGE && (
        <button type="button" onClick={() => setShowAll(true)}>
          Show all {events.length} events
        </button>
      )}
    </>
  );
}

function chartAxis(points: readonly ChartPoint[], money: (v: bigint) => string) {
  const top = points.reduce((m, p) => (p.value > m ? p.value : m), 0n);
  return { top: money(top), start: formatDate(points[0]?.at ?? 0n), end: formatDate(points[points.length - 1]?.at ?? 0n) };
}

/** How many of the newest events the feed shows before "Show all". */
const FEED_PAGE = 50;

function newestFirst<T>(events: readonly T[], count: number): T[] {
  return events.slice(Math.max(0, events.length - count)).reverse();
}
