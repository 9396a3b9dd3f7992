import { useEffect, useState } from 'react';
import { useChain, useContractEvents, useMoney } from '../components/ChainContext';
import { WriteDialog } from '../components/WriteDialog';
import { useSelectedAddress } from '../components/WalletContext';
import { MAX_PAGE } from '../contracts/registry';
import { SplitterApi } from '../contracts/splitter';
import { TokenApi } from '../contracts/token';
import { formatAmount } from '../lib/amount';
import { valueAtLastTrade } from '../lib/holdings';
import { splitterErrorMessage } from '../lib/errors';
import { href } from '../lib/router';
import { MySaleRequests, type SaleRow } from './MySaleRequests';
import { PayoutHistory } from './PayoutHistory';

interface Holding {
  token: string;
  label: string;
  balance: string;
  /** The part of the balance locked in open sale requests (formatted), if any. */
  locked: string | undefined;
  /** The balance at the last trade's price, if the token ever traded. */
  value: bigint | undefined;
  splitter: SplitterApi;
  claimable: bigint;
  decimals: number;
  symbol: string | undefined;
}

/** The tokens the selected account holds, with what it can claim from each payout splitter. */
export function PortfolioPage() {
  const chain = useChain();
  const money = useMoney();
  // Payouts to the planck: what the holder reads is what the splitter pays.
  const exact = useMoney({ exact: true });
  const who = useSelectedAddress();
  const [holdings, setHoldings] = useState<Holding[] | undefined>(undefined);
  const [sales, setSales] = useState<{ account: string; rows: SaleRow[] } | undefined>(undefined);
  // The tokens and splitters shown: any event of theirs (whoever sent it) re-reads the page.
  const watched = [...(holdings ?? []).flatMap((h) => [h.token, h.splitter.address]), ...(sales?.rows ?? []).map((r) => r.token.address)];
  useContractEvents(watched, () => setReload((n) => n + 1));
  const [error, setError] = useState<string | undefined>(undefined);
  const [claiming, setClaiming] = useState<Holding | undefined>(undefined);
  const [reload, setReload] = useState(0);
  const registry = chain.status === 'connected' ? chain.registry : undefined;

  useEffect(() => {
    if (!registry || !who || chain.status !== 'connected') return;
    let alive = true;
    setHoldings(undefined);
    (async () => {
      const count = await registry.memberCount();
      const out: Holding[] = [];
      const saleRows: SaleRow[] = [];
      for (let start = 0; start < count; start += MAX_PAGE) {
        for (const { address: member, info } of await registry.membersPage(start, MAX_PAGE)) {
          if (!info.token || !info.splitter) continue;
          const token = await TokenApi.openVerified(chain.client, registry, registry.addr(info.token), chain.chain.ss58Prefix);
          if (token.issuer !== member) continue;
          const [balance, mine] = await Promise.all([token.balanceOf(who), token.requestsOf(who)]);
          if (balance === 0n && mine.length === 0) continue;
          const s = await token.summary();
          for (const { id, request } of mine) saleRows.push({ token, label: `$${s.symbol ?? '?'}`, decimals: s.decimals, symbol: s.symbol, id, request });
          if (balance === 0n) continue;
          const splitterAddress = await registry.splitterOf(member);
          if (!splitterAddress) continue;
          const splitter = await SplitterApi.open(chain.client, splitterAddress);
          const [claimable, locked] = await Promise.all([splitter.claimable(who).catch(() => 0n), token.lockedOf(who)]);
          const units = (v: bigint) => formatAmount(v, { decimals: s.decimals, symbol: s.symbol });
          out.push({
            token: token.address,
            label: `$${s.symbol ?? '?'}`,
            balance: units(balance),
            locked: locked > 0n ? units(locked) : undefined,
            value: valueAtLastTrade(balance, s.lastTrade),
            splitter,
            claimable,
            decimals: s.decimals,
            symbol: s.symbol,
          });
        }
      }
      if (alive) {
        setHoldings(out);
        setSales({ account: who, rows: saleRows });
      }
    })().catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [registry, who, chain, reload]);


  return (
    <section aria-labelledby="portfolio-heading">
      <h1 id="portfolio-heading">Portfolio</h1>
      {!who && <p>Connect a wallet and pick an account to see its tokens and payouts.</p>}
      {who && (
        <p>
          Everything this account did and received across the suite: <a href={href({ page: 'member', address: who })}>your activity</a>.
        </p>
      )}
      {who && !registry && <p>The portfolio appears once the app is connected to the node.</p>}
      {error && (
        <p className="error" role="alert">
          Could not load the portfolio: {error}
        </p>
      )}
      {who && registry && !holdings && !error && <p role="status">Loading holdings…</p>}
      {holdings && holdings.length === 0 && <p>This account holds no personal token.</p>}
      {holdings && holdings.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">Balance</th>
              <th scope="col">Value at the last trade</th>
              <th scope="col">Claimable payout</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {holdings.map((h) => (
              <tr key={h.token} data-testid={`holding-${h.label}`}>
                <td>
                  <a href={href({ page: 'token', address: h.token })}>{h.label}</a>
                </td>
                <td>
                  {h.balance}
                  {h.locked && ` (${h.locked} locked in sale requests)`}
                </td>
                <td>{h.value === undefined ? 'never traded' : money(h.value)}</td>
                <td>{exact(h.claimable)}</td>
                <td>
                  <button type="button" onClick={() => setClaiming(h)}>
                    Claim {h.label} payout
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {who && registry &&
        holdings?.map((h) => (
          <PayoutHistory
            key={h.token}
            label={h.label}
            token={h.token}
            splitter={h.splitter.address}
            holder={who}
            decimals={h.decimals}
            symbol={h.symbol}
            claimable={h.claimable}
            account={(a) => registry.addr(a)}
          />
        ))}
      {who && sales?.account === who && (
        <>
          <h2>Your sale requests</h2>
          <MySaleRequests rows={sales.rows} viewer={who} onDone={() => setReload((n) => n + 1)} />
        </>
      )}
      {claiming && (
        <WriteDialog
          action={{
            title: `Claim your ${claiming.label} payout`,
            summary: `Receive ${exact(claiming.claimable)} from the ${claiming.label} payout splitter.`,
            dryRun: () => claiming.splitter.dryRunClaim(who ?? ''),
            tx: (gas) => claiming.splitter.claimTx(gas),
            describeError: (e) => splitterErrorMessage(e as never, { money }),
          }}
          onClose={() => setClaiming(undefined)}
          onDone={() => setReload((n) => n + 1)}
        />
      )}
    </section>
  );
}
