import { useCallback, useEffect, useState } from 'react';
import { useChain, useMoney } from '../components/ChainContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { estimateFee, signAndSend } from '../components/sendTx';
import { useSelectedAddress, useWallet } from '../components/WalletContext';
import { MAX_PAGE } from '../contracts/registry';
import { SplitterApi } from '../contracts/splitter';
import { TokenApi } from '../contracts/token';
import { formatAmount } from '../lib/amount';
import { splitterErrorMessage } from '../lib/errors';
import { href } from '../lib/router';

interface Holding {
  token: string;
  label: string;
  balance: string;
  splitter: SplitterApi;
  claimable: bigint;
}

/** The tokens the selected account holds, with what it can claim from each payout splitter. */
export function PortfolioPage() {
  const chain = useChain();
  const money = useMoney();
  const wallet = useWallet();
  const who = useSelectedAddress();
  const [holdings, setHoldings] = useState<Holding[] | undefined>(undefined);
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
      for (let start = 0; start < count; start += MAX_PAGE) {
        for (const { address: member, info } of await registry.membersPage(start, MAX_PAGE)) {
          if (!info.token || !info.splitter) continue;
          const token = await TokenApi.openVerified(chain.client, registry, registry.addr(info.token), chain.chain.ss58Prefix);
          if (token.issuer !== member) continue;
          const balance = await token.balanceOf(who);
          if (balance === 0n) continue;
          const s = await token.summary();
          const splitterAddress = await registry.splitterOf(member);
          if (!splitterAddress) continue;
          const splitter = await SplitterApi.open(chain.client, splitterAddress);
          const claimable = await splitter.claimable(who).catch(() => 0n);
          out.push({ token: token.address, label: `$${s.symbol ?? '?'}`, balance: formatAmount(balance, { decimals: s.decimals, symbol: s.symbol }), splitter, claimable });
        }
      }
      if (alive) setHoldings(out);
    })().catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [registry, who, chain, reload]);

  const describeError = useCallback((e: unknown) => splitterErrorMessage(e as never, { money }), [money]);
  const dryRun = useCallback(() => claiming!.splitter.dryRunClaim(who ?? ''), [claiming, who]);
  const fee = useCallback(
    (dry: { raw: { gasRequired: { refTime: bigint; proofSize: bigint } } }) => estimateFee(claiming!.splitter.claimTx(dry.raw.gasRequired), who ?? ''),
    [claiming, who],
  );

  return (
    <section aria-labelledby="portfolio-heading">
      <h1 id="portfolio-heading">Portfolio</h1>
      {!who && <p>Connect a wallet and pick an account to see its tokens and payouts.</p>}
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
              <th scope="col">Claimable payout</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {holdings.map((h) => (
              <tr key={h.token}>
                <td>
                  <a href={href({ page: 'token', address: h.token })}>{h.label}</a>
                </td>
                <td>{h.balance}</td>
                <td>{money(h.claimable)}</td>
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
      {claiming && chain.status === 'connected' && (
        <ConfirmDialog
          title={`Claim your ${claiming.label} payout`}
          summary={`Receive ${money(claiming.claimable)} from the ${claiming.label} payout splitter.`}
          dryRun={dryRun}
          estimateFee={fee}
          describeError={describeError}
          send={async (dry, h) => {
            const signing = wallet.signingAccount();
            if (!signing) throw new Error('No account selected.');
            await signAndSend(chain.client, claiming.splitter.claimTx(dry.raw.gasRequired), signing, (st, err) => {
              h.onStatus(st, err);
              if (st.type === 'Finalized') setReload((n) => n + 1);
            });
          }}
          onClose={() => setClaiming(undefined)}
        />
      )}
    </section>
  );
}
