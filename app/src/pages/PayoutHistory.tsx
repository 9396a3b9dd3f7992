import { useMemo, useState } from 'react';
import { payoutBarText, payoutEntries, payoutHistory } from '../activity/derive';
import { useActivity } from '../activity/useActivity';
import { BarChart, type Bar } from '../components/BarChart';
import { useMoney } from '../components/ChainContext';
import { formatAmount } from '../lib/amount';
import { percent } from '../lib/offering';
import { formatDate } from './format';

interface Props {
  label: string;
  token: string;
  splitter: string;
  holder: string;
  decimals: number;
  symbol: string | undefined;
  claimable: bigint;
  account: (a: { address(prefix?: number): string }) => string;
}

/** A holder's payouts from one token over time: what each distribution gave him, and his claims. */
export function PayoutHistory(props: Props) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid={`payouts-${props.label}`}>
      <summary>Payout history of {props.label}</summary>
      {open && <PayoutHistoryBody {...props} />}
    </details>
  );
}

function PayoutHistoryBody({ label, token, splitter, holder, decimals, symbol, claimable, account }: Props) {
  const money = useMoney({ exact: true });
  const watched = useMemo(
    () => [
      { kind: 'personal_token' as const, address: token },
      { kind: 'payout_splitter' as const, address: splitter },
    ],
    [token, splitter],
  );
  const { events, error } = useActivity(watched);
  if (error) return <p className="error">Could not read the payouts: {error}</p>;
  if (!events) return <p role="status">Reading the payouts from the chain…</p>;
  const h = payoutHistory(events, token, splitter, holder, account);
  const units = (v: bigint) => formatAmount(v, { decimals, symbol });
  const bars: Bar[] = payoutEntries(h).map((e) =>
    e.kind === 'share'
      ? { key: `d-${e.bar.block}-${e.bar.index}`, value: e.bar.share, label: payoutBarText(e.bar, { units, money, date: formatDate, percent }) }
      : { key: `c-${e.claim.block}-${e.claim.index}`, value: e.claim.amount, kind: 'out', label: `${formatDate(e.claim.at)}: you claimed ${money(e.claim.amount)}` },
  );
  const top = bars.reduce((m, b) => (b.value > m ? b.value : m), 0n);
  return (
    <>
      <p data-testid={`payout-totals-${label}`}>
        Your part of the distributions: {money(h.totalShare)}; claimed: {money(h.totalClaimed)}; claimable now (the splitter's figure): {money(claimable)}.
      </p>
      {bars.length === 0 ? <p>No payout yet.</p> : <BarChart title={`Your ${label} payouts (blue) and claims (brown)`} bars={bars} testId={`payout-chart-${label}`} top={money(top)} />}
    </>
  );
}
