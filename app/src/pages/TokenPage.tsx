import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useChain, useContractEvents, useMoney } from '../components/ChainContext';
import { useSelectedAddress } from '../components/WalletContext';
import {
  TokenApi,
  type PersonalTokenAsset,
  type PersonalTokenOffering,
  type PersonalTokenSubscription,
  type PersonalTokenTransferRequest,
  type TokenSummary,
} from '../contracts/token';
import { WriteDialog, type WriteAction } from '../components/WriteDialog';
import { amountErrorMessage, formatAmount, parseAmount } from '../lib/amount';
import { psp22ErrorMessage, tokenErrorMessage } from '../lib/errors';
import { canOfferRefund, canOfferSettle, countdown, offeringProgress, offeringStateText, percent } from '../lib/offering';
import { href } from '../lib/router';
import { formatDate } from './format';

interface Loaded {
  api: TokenApi;
  summary: TokenSummary;
  assets: Array<{ id: bigint; asset: PersonalTokenAsset }>;
  offerings: Array<{ id: bigint; offering: PersonalTokenOffering }>;
  requests: Array<{ id: bigint; request: PersonalTokenTransferRequest }>;
  /** The selected account's balance and subscriptions (by offering id), when one is selected. */
  mine?: { account: string; balance: bigint; subscriptions: Map<bigint, PersonalTokenSubscription> };
}

function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}

export function TokenPage({ address }: { address: string }) {
  const chain = useChain();
  const money = useMoney();
  const now = useNow();
  const [data, setData] = useState<Loaded | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [subscribing, setSubscribing] = useState<{ id: bigint; offering: PersonalTokenOffering } | undefined>(undefined);
  const [transferring, setTransferring] = useState(false);
  const [selling, setSelling] = useState(false);
  const [action, setAction] = useState<Action | undefined>(undefined);
  const [reload, setReload] = useState(0);
  const who = useSelectedAddress();
  // Kept across reloads: the open dialogs' dry runs depend on it.
  const apiRef = useRef<TokenApi | undefined>(undefined);
  const registry = chain.status === 'connected' ? chain.registry : undefined;

  useEffect(() => {
    if (!registry || chain.status !== 'connected') return;
    let alive = true;
    (async () => {
      const kept = apiRef.current;
      const api = kept && kept.address === address && kept.client === chain.client ? kept : await TokenApi.openVerified(chain.client, registry, address, chain.chain.ss58Prefix);
      apiRef.current = api;
      const summary = await api.summary();
      const [assets, offerings, requests] = await Promise.all([api.assets(0n, 20), api.offerings(summary.offeringCount), api.requests(20)]);
      let mine: Loaded['mine'];
      if (who) {
        const balance = await api.balanceOf(who);
        const subscriptions = new Map<bigint, PersonalTokenSubscription>();
        for (const { id } of offerings) {
          const sub = await api.subscription(id, who);
          if (sub.amount > 0n) subscriptions.set(id, sub);
        }
        mine = { account: who, balance, subscriptions };
      }
      if (alive) setData({ api, summary, assets, offerings, requests, mine });
    })().catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [registry, address, chain, who, reload]);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  // Any event of this token (a transfer, a request's step, an offering, a disclosure) re-reads it.
  useContractEvents([address], refresh);

  const s = data?.summary;
  const units = (v: bigint) => (s ? formatAmount(v, { decimals: s.decimals, symbol: s.symbol }) : String(v));

  return (
    <section aria-labelledby="token-heading">
      <h1 id="token-heading">{s ? `${s.name ?? 'Token'} ($${s.symbol ?? '?'})` : 'Token'}</h1>
      <p className="address">{address}</p>
      {!registry && <p>The token appears once the app is connected to the node.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {s && data && (
        <>
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
            {data.mine && (
              <>
                <dt>Your balance</dt>
                <dd data-testid="my-balance">{units(data.mine.balance)}</dd>
              </>
            )}
          </dl>
          {data.mine && data.mine.balance > 0n && data.mine.account !== s.issuer && (
            <p className="actions">
              <button type="button" onClick={() => setTransferring(true)}>
                Transfer ${s.symbol ?? 'tokens'}
              </button>{' '}
              <button type="button" onClick={() => setSelling(true)}>
                Sell ${s.symbol ?? 'tokens'} to a member
              </button>
            </p>
          )}
          {selling && <SellFlow loaded={data} onClose={() => setSelling(false)} onDone={refresh} />}
          {transferring && <TransferFlow loaded={data} onClose={() => setTransferring(false)} onDone={refresh} />}
          <h2>Assets</h2>
          {data.assets.length === 0 ? (
            <p>No asset disclosed.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Estimated value</th>
                  <th scope="col">Disclosed</th>
                  <th scope="col">Paid to holders</th>
                </tr>
              </thead>
              <tbody>
                {data.assets.map(({ id, asset }) => (
                  <tr key={id.toString()}>
                    <td>{asset.kind}</td>
                    <td>{money(asset.estimatedValue)}</td>
                    <td>{formatDate(asset.disclosedAt)}</td>
                    <td>{money(asset.paidToHolders)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Transfer requests</h2>
          {data.requests.length === 0 ? (
            <p>No transfer request yet.</p>
          ) : (
            <ul className="requests">
              {data.requests.map(({ id, request: r }) => {
                const seller = api_addr(data, r.seller);
                const buyer = api_addr(data, r.buyer);
                const open = r.status === 'Pending' || r.status === 'Approved';
                return (
                  <li key={id.toString()} data-testid={`request-${id.toString()}`}>
                    <p>
                      Request #{id.toString()}: {units(r.amount)} from {seller} to {buyer} for {money(r.price)}. Status: {r.status}
                      {open ? (r.funded ? ', paid into escrow.' : ', not paid yet.') : '.'}
                    </p>
                    {open && !r.funded && r.price > 0n && data.mine?.account === buyer && (
                      <button
                        type="button"
                        onClick={() =>
                          setAction({
                            title: `Pay for request #${id}`,
                            summary: `Pay ${money(r.price)} into escrow for ${units(r.amount)}; it goes to the seller when the issuer approves, and comes back if the sale does not happen.`,
                            dryRun: () => data.api.dryRunFundRequest(buyer, id, r.price),
                            tx: (gas) => data.api.fundRequestTx(id, r.price, gas),
                          })
                        }
                      >
                        Pay {money(r.price)} into escrow for request #{id.toString()}
                      </button>
                    )}
                    {r.status === 'Pending' && data.mine?.account === s.issuer && (
                      <button
                        type="button"
                        onClick={() =>
                          setAction({
                            title: `Approve request #${id}`,
                            summary: `Approve the sale of ${units(r.amount)} to ${buyer} for ${money(r.price)}${r.funded ? ': the tokens and the payment cross at once.' : '; it executes when the buyer pays.'}`,
                            dryRun: () => data.api.dryRunApproveTransfer(s.issuer, id),
                            tx: (gas) => data.api.approveTransferTx(id, gas),
                          })
                        }
                      >
                        Approve request #{id.toString()}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {action && <ActionDialog action={action} onClose={() => setAction(undefined)} onDone={refresh} />}
          <h2>Offerings</h2>
          {data.offerings.length === 0 ? (
            <p>No offering yet.</p>
          ) : (
            <ul className="offerings">
              {data.offerings.map(({ id, offering: o }) => {
                const p = offeringProgress(o);
                return (
                  <li key={id.toString()}>
                    <h3>Offering #{id.toString()}</h3>
                    <p>
                      {units(o.amount)} at {money(o.pricePerUnit * 10n ** BigInt(s.decimals))} per ${s.symbol ?? 'token'}; minimum raise {money(o.minTotal)}.
                    </p>
                    <label>
                      Raised {money(o.raised)} of the {money(o.minTotal)} minimum
                      <progress max={100} value={p.towardMinimum}>
                        {p.towardMinimum}%
                      </progress>
                    </label>
                    <p>
                      {p.soldPercent}% sold to {o.subscriberCount} {o.subscriberCount === 1 ? 'subscriber' : 'subscribers'}. Deadline {formatDate(o.deadline)} ({countdown(o.deadline, now)}).
                    </p>
                    <p>{offeringStateText(o, now)}</p>
                    {(() => {
                      const sub = data.mine?.subscriptions.get(id);
                      if (!sub) return null;
                      const what = `${units(sub.amount)} for ${money(sub.paid)}`;
                      return (
                        <p data-testid={`my-subscription-${id.toString()}`}>
                          {sub.delivered
                            ? `You bought ${units(sub.amount)}: delivered, and your payment went to the issuer.`
                            : o.status === 'Open'
                              ? `Your subscription: ${what}, in escrow until the offering settles.`
                              : `Your subscription: ${what}, not delivered (refund it from a failed offering).`}
                        </p>
                      );
                    })()}
                    {canOfferSettle(o, now) && data.mine && (
                      <button
                        type="button"
                        onClick={() =>
                          setAction({
                            title: `Settle offering #${id}`,
                            summary: p.minimumReached
                              ? `Settle offering #${id}: the tokens go to its subscribers who are still active members, and their payments to the issuer.`
                              : `Settle offering #${id}: it did not raise its minimum, so it fails and every subscriber can take a refund.`,
                            dryRun: () => data.api.dryRunSettle(data.mine?.account ?? '', id),
                            tx: (gas) => data.api.settleTx(id, gas),
                          })
                        }
                      >
                        Settle offering #{id.toString()}
                      </button>
                    )}
                    {canOfferRefund(o, data.mine?.subscriptions.get(id), now) && (
                      <button
                        type="button"
                        onClick={() => {
                          const sub = data.mine?.subscriptions.get(id);
                          setAction({
                            title: `Refund from offering #${id}`,
                            summary: `Take back your payment of ${money(sub?.paid ?? 0n)} for ${units(sub?.amount ?? 0n)} not delivered by offering #${id}.`,
                            dryRun: () => data.api.dryRunRefund(data.mine?.account ?? '', id),
                            tx: (gas) => data.api.refundTx(id, gas),
                          });
                        }}
                      >
                        Refund my subscription to offering #{id.toString()}
                      </button>
                    )}
                    {o.status === 'Open' && Number(o.deadline) > now && data.mine?.account !== s.issuer && (
                      <button type="button" onClick={() => setSubscribing({ id, offering: o })}>
                        Subscribe to offering #{id.toString()}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {subscribing && <SubscribeFlow loaded={data} target={subscribing} onClose={() => setSubscribing(undefined)} onDone={refresh} />}
        </>
      )}
    </section>
  );
}

function SubscribeFlow({
  loaded,
  target,
  onClose,
  onDone,
}: {
  loaded: Loaded;
  target: { id: bigint; offering: PersonalTokenOffering };
  onClose: () => void;
  onDone: () => void;
}) {
  const chain = useChain();
  const money = useMoney();
  const caller = useSelectedAddress();
  const inputId = useId();
  const [text, setText] = useState('');
  const [consent, setConsent] = useState(false);
  const [confirming, setConfirming] = useState<bigint | undefined>(undefined);
  const { summary: s, api } = loaded;
  const remaining = target.offering.amount - target.offering.sold;
  const parsed = parseAmount(text, { decimals: s.decimals, max: remaining });
  const amount = confirming;

  if (!caller || chain.status !== 'connected') {
    return (
      <div role="alert" className="notice">
        <p>Connect a wallet and pick an account to subscribe.</p>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }
  if (amount !== undefined) {
    const cost = amount * target.offering.pricePerUnit;
    return (
      <WriteDialog
        action={{
          title: `Subscribe to offering #${target.id}`,
          summary: `Buy ${formatAmount(amount, { decimals: s.decimals, symbol: s.symbol })} (${percent(amount, s.totalSupply)}% of the supply) for ${money(cost)}, held in escrow until the offering settles, consenting to the terms with hash ${s.termsHash}.`,
          dryRun: () => api.dryRunSubscribe(caller, target.id, amount, s.termsHash, cost),
          tx: (gas) => api.subscribeTx(target.id, amount, s.termsHash, cost, gas),
          describeError: (e) => tokenErrorMessage(e as never, { money }),
        }}
        onClose={onClose}
        onDone={onDone}
      />
    );
  }
  const consentId = `${inputId}-consent`;
  return (
    <form
      className="subscribe"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.ok && consent) setConfirming(parsed.value);
      }}
    >
      <h3>Subscribe to offering #{target.id.toString()}</h3>
      <label htmlFor={inputId}>Amount of ${s.symbol ?? 'tokens'}</label>
      <input id={inputId} inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${inputId}-hint`} />
      <p id={`${inputId}-hint`} className={text && !parsed.ok ? 'error' : ''}>
        {text && !parsed.ok
          ? amountErrorMessage(parsed.error, { decimals: s.decimals, symbol: s.symbol })
          : `Up to ${formatAmount(remaining, { decimals: s.decimals, symbol: s.symbol })} remain.`}
      </p>
      {parsed.ok && (
        <p data-testid="subscription-cost" aria-live="polite">
          Cost: {money(parsed.value * target.offering.pricePerUnit)} for {percent(parsed.value, s.totalSupply)}% of the supply.
        </p>
      )}
      <p>
        <input id={consentId} type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <label htmlFor={consentId}>
          I have read and accept the token's terms, hash <span className="hash">{s.termsHash}</span>
        </label>
      </p>
      <button type="submit" disabled={!parsed.ok || !consent}>
        Review
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}

/**
 * A plain PSP22 transfer: the token's own `detect_transfer_restriction` is asked first, and a
 * restricted transfer is explained in words and never sent.
 */
function TransferFlow({ loaded, onClose, onDone }: { loaded: Loaded; onClose: () => void; onDone: () => void }) {
  const chain = useChain();
  const money = useMoney();
  const caller = useSelectedAddress();
  const baseId = useId();
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<{ code: number; message: string } | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  const [confirming, setConfirming] = useState<{ to: string; amount: bigint } | undefined>(undefined);
  const { summary: s, api } = loaded;
  const balance = loaded.mine?.balance ?? 0n;
  const parsed = parseAmount(text, { decimals: s.decimals, max: balance });

  if (!caller || chain.status !== 'connected') return null;
  if (confirming) {
    return (
      <WriteDialog
        action={{
          title: `Transfer $${s.symbol ?? ''}`,
          summary: `Send ${formatAmount(confirming.amount, { decimals: s.decimals, symbol: s.symbol })} to ${confirming.to}.`,
          dryRun: () => api.dryRunTransfer(caller ?? '', confirming.to, confirming.amount),
          tx: (gas) => api.transferTx(confirming.to, confirming.amount, gas),
          describeError: (e) => psp22ErrorMessage(e as never, { money }),
        }}
        onClose={onClose}
        onDone={onDone}
      />
    );
  }
  return (
    <form
      className="transfer"
      aria-labelledby={`${baseId}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!parsed.ok || !to.trim()) return;
        const amount = parsed.value;
        const recipient = to.trim();
        setChecking(true);
        setRefusal(undefined);
        api
          .transferRestriction(caller, recipient, amount)
          .then((r) => (r.code === 0 ? setConfirming({ to: recipient, amount }) : setRefusal(r)))
          .catch((err: unknown) => setRefusal({ code: -1, message: err instanceof Error ? err.message : String(err) }))
          .finally(() => setChecking(false));
      }}
    >
      <h3 id={`${baseId}-h`}>Transfer ${s.symbol ?? 'tokens'}</h3>
      <label htmlFor={`${baseId}-to`}>Recipient address</label>
      <input id={`${baseId}-to`} value={to} onChange={(e) => setTo(e.target.value)} autoComplete="off" />
      <label htmlFor={`${baseId}-amount`}>Amount of ${s.symbol ?? 'tokens'}</label>
      <input id={`${baseId}-amount`} inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} />
      {text && !parsed.ok && <p className="error">{amountErrorMessage(parsed.error, { decimals: s.decimals, symbol: s.symbol })}</p>}
      {refusal && (
        <div className="error" role="alert" data-testid="transfer-refusal">
          <p>
            This transfer is not allowed{refusal.code >= 0 ? ` (restriction code ${refusal.code})` : ''}: {refusal.message}
          </p>
          <p>Nothing was sent.</p>
        </div>
      )}
      <button type="submit" disabled={!parsed.ok || !to.trim() || checking}>
        {checking ? 'Checking…' : 'Check and review'}
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}

function api_addr(data: Loaded, a: { address(prefix?: number): string }): string {
  return data.api.addr(a);
}

/** A token message behind the confirm step (token errors in words). */
type Action = Omit<WriteAction, 'describeError'>;

function ActionDialog({ action, onClose, onDone }: { action: Action; onClose: () => void; onDone: () => void }) {
  const money = useMoney();
  const describeError = useCallback((e: unknown) => tokenErrorMessage(e as never, { money }), [money]);
  return <WriteDialog action={{ ...action, describeError }} onClose={onClose} onDone={onDone} />;
}

/** A holder offers to sell to a member at a price: `request_transfer`, which the issuer approves. */
function SellFlow({ loaded, onClose, onDone }: { loaded: Loaded; onClose: () => void; onDone: () => void }) {
  const chain = useChain();
  const money = useMoney();
  const caller = useSelectedAddress();
  const baseId = useId();
  const [buyer, setBuyer] = useState('');
  const [amountText, setAmountText] = useState('');
  const [priceText, setPriceText] = useState('');
  const [action, setAction] = useState<Action | undefined>(undefined);
  const { summary: s, api } = loaded;
  const balance = loaded.mine?.balance ?? 0n;
  const amount = parseAmount(amountText, { decimals: s.decimals, max: balance });
  const chainDecimals = chain.status === 'connected' ? chain.chain.decimals : 12;
  const chainSymbol = chain.status === 'connected' ? chain.chain.symbol : 'UNIT';
  const price = parseAmount(priceText, { decimals: chainDecimals });
  if (!caller || chain.status !== 'connected') return null;
  if (action) return <ActionDialog action={action} onClose={onClose} onDone={onDone} />;
  const ok = amount.ok && price.ok && buyer.trim() !== '';
  return (
    <form
      className="sell"
      aria-labelledby={`${baseId}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!amount.ok || !price.ok || !buyer.trim()) return;
        const to = buyer.trim();
        const a = amount.value;
        const p = price.value;
        setAction({
          title: `Sell $${s.symbol ?? ''} to a member`,
          summary: `Offer ${formatAmount(a, { decimals: s.decimals, symbol: s.symbol })} to ${to} for ${money(p)}. The tokens are locked until the issuer decides; the buyer pays into escrow; on approval tokens and payment cross at once.`,
          dryRun: () => api.dryRunRequestTransfer(caller, to, a, p),
          tx: (gas) => api.requestTransferTx(to, a, p, gas),
        });
      }}
    >
      <h3 id={`${baseId}-h`}>Sell ${s.symbol ?? 'tokens'} to a member</h3>
      <label htmlFor={`${baseId}-buyer`}>Buyer address</label>
      <input id={`${baseId}-buyer`} value={buyer} onChange={(e) => setBuyer(e.target.value)} autoComplete="off" />
      <label htmlFor={`${baseId}-amount`}>Amount of ${s.symbol ?? 'tokens'} to sell</label>
      <input id={`${baseId}-amount`} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} />
      {amountText && !amount.ok && <p className="error">{amountErrorMessage(amount.error, { decimals: s.decimals, symbol: s.symbol })}</p>}
      <label htmlFor={`${baseId}-price`}>Price in {chainSymbol}</label>
      <input id={`${baseId}-price`} inputMode="decimal" value={priceText} onChange={(e) => setPriceText(e.target.value)} />
      {priceText && !price.ok && <p className="error">{amountErrorMessage(price.error, { decimals: chainDecimals, symbol: chainSymbol })}</p>}
      <button type="submit" disabled={!ok}>
        Review
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
