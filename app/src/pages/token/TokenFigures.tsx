import { useMoney } from '../../components/ChainContext';
import { percent } from '../../lib/offering';
import { href } from '../../lib/router';
import { formatDate } from '../format';
import { tokenUnits, type Loaded } from './loaded';

/** Issuer, supply, outstanding, holders' share, last trade, implied valuation, terms, state. */
export function TokenFigures({ loaded }: { loaded: Loaded }) {
  const money = useMoney();
  const s = loaded.summary;
  const units = tokenUnits(s);
  return (
    <dl>
      <dt>Issuer</dt>
      <dd>
        <a href={href({ page: 'member', address: s.issuer })}>{s.issuer}</a>
      </dd>
      <dt>Supply</dt>
      <dd>{units(s.totalSupply)}</dd>
      <dt>Outstanding (held by others than the issuer)</dt>
      <dd data-testid="outstanding">{units(s.outstanding)}</dd>
      <dt>Holders' share</dt>
      <dd>
        {percent(s.outstanding, s.totalSupply)}% of the supply, {s.holderCount} {s.holderCount === 1 ? 'holder' : 'holders'}
      </dd>
      <dt>Last trade</dt>
      <dd>{s.lastTrade ? `${units(s.lastTrade.amount)} for ${money(s.lastTrade.price)} on ${formatDate(s.lastTrade.at)}` : 'No trade yet.'}</dd>
      <dt>Implied valuation</dt>
      <dd>{s.impliedValuation === undefined ? 'None until a first trade.' : money(s.impliedValuation)}</dd>
      <dt>Terms hash</dt>
      <dd className="hash">{s.termsHash}</dd>
      <dt>State</dt>
      <dd>{s.frozen ? 'Frozen' : 'Trading under restrictions'}</dd>
      {loaded.mine && (
        <>
          <dt>Your balance</dt>
          <dd data-testid="my-balance">{units(loaded.mine.balance)}</dd>
        </>
      )}
    </dl>
  );
}
