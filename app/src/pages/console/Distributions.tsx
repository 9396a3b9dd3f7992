import { useMemo } from 'react';
import { distributionTotals } from '../../activity/derive';
import { useActivity } from '../../activity/useActivity';
import { BarChart } from '../../components/BarChart';
import { useMoney } from '../../components/ChainContext';
import { useSplitter } from '../../components/useSplitter';

/** What the issuer's splitter paid out in all, and how much of it the holders have not claimed. */
export function Distributions({ issuer }: { issuer: string }) {
  const splitter = useSplitter(issuer);
  if (!splitter) return null;
  return <DistributionTotals splitter={splitter} />;
}

function DistributionTotals({ splitter }: { splitter: string }) {
  const money = useMoney({ exact: true });
  const watched = useMemo(() => [{ kind: 'payout_splitter' as const, address: splitter }], [splitter]);
  const { events } = useActivity(watched);
  if (!events) return <p role="status">Reading the payouts from the chain…</p>;
  const t = distributionTotals(events, splitter);
  return (
    <>
      <p data-testid="distribution-totals">
        Distributed to your holders in all: {money(t.distributed)}; claimed by them: {money(t.claimed)}; unclaimed: {money(t.unclaimed)}.
      </p>
      {t.distributed > 0n && (
        <BarChart
          title="Distributed versus unclaimed"
          testId="distribution-chart"
          top={money(t.distributed)}
          bars={[
            { key: 'distributed', value: t.distributed, label: `Distributed: ${money(t.distributed)}` },
            { key: 'unclaimed', value: t.unclaimed, kind: 'out', label: `Unclaimed: ${money(t.unclaimed)}` },
          ]}
        />
      )}
    </>
  );
}
