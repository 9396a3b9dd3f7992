import { useId, useState } from 'react';
import { useMoney } from '../../components/ChainContext';
import type { PersonalTokenTransferRequest } from '../../contracts/token';
import { MAX_REASON_LEN, impliedValuation, silenceText } from '../../lib/console';
import { formatDate } from '../format';
import { tokenUnits, type Action, type Loaded } from '../token/loaded';
import { writeAction } from './action';

interface InboxProps {
  loaded: Loaded;
  autoApprove: boolean;
  now: number;
  onAction: (a: Action) => void;
}

/** Every open sale request of the issuer's token: approve, reject with a reason, or buy first. */
export function RequestInbox({ loaded, autoApprove, now, onAction }: InboxProps) {
  const open = loaded.requests.filter(({ request: r }) => r.status === 'Pending' || r.status === 'Approved');
  if (open.length === 0) return <p>No open sale request.</p>;
  return (
    <ul className="requests inbox">
      {open.map(({ id, request }) => (
        <InboxItem key={id.toString()} id={id} request={request} loaded={loaded} autoApprove={autoApprove} now={now} onAction={onAction} />
      ))}
    </ul>
  );
}

function InboxItem({ id, request: r, loaded, autoApprove, now, onAction }: InboxProps & { id: bigint; request: PersonalTokenTransferRequest }) {
  const money = useMoney();
  const reasonId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { api, summary: s } = loaded;
  const units = tokenUnits(s);
  const issuer = s.issuer;
  const seller = api.addr(r.seller);
  const buyer = api.addr(r.buyer);
  const valuation = impliedValuation(r.price, r.amount, s.totalSupply);
  const reasonTooLong = new TextEncoder().encode(reason).length > MAX_REASON_LEN;
  return (
    <li data-testid={`inbox-${id.toString()}`}>
      <h3>Request #{id.toString()}</h3>
      <dl>
        <dt>Seller</dt>
        <dd className="address">{seller}</dd>
        <dt>Buyer</dt>
        <dd className="address">{buyer}</dd>
        <dt>Amount</dt>
        <dd>{units(r.amount)}</dd>
        <dt>Price</dt>
        <dd>{r.price === 0n ? 'A gift (no payment)' : money(r.price)}</dd>
        <dt>Implied valuation</dt>
        <dd>{valuation === undefined || r.price === 0n ? 'None (a gift)' : money(valuation)}</dd>
        <dt>Payment</dt>
        <dd>{r.price === 0n ? 'None needed' : r.funded ? 'Paid into escrow' : 'Not paid yet'}</dd>
        <dt>Decide by</dt>
        <dd>{r.status === 'Approved' ? 'Approved; it executes when the buyer pays.' : silenceText(autoApprove, r.decisionDeadline, now, formatDate)}</dd>
      </dl>
      {r.status === 'Pending' && (
        <p className="actions">
          <button
            type="button"
            onClick={() =>
              onAction({
                title: `Approve request #${id}`,
                summary: `Approve the sale of ${units(r.amount)} from ${seller} to ${buyer} for ${money(r.price)}${r.funded || r.price === 0n ? ': the tokens and the payment cross at once.' : '; it executes when the buyer pays.'}`,
                dryRun: () => api.dryRunApproveTransfer(issuer, id),
                tx: (gas) => api.approveTransferTx(id, gas),
              })
            }
          >
            Approve request #{id.toString()}
          </button>{' '}
          <button type="button" onClick={() => setRejecting((v) => !v)} aria-expanded={rejecting}>
            Reject request #{id.toString()}
          </button>{' '}
          {r.price > 0n && (
            <button
              type="button"
              onClick={() =>
                onAction(
                  writeAction(
                    api.exerciseFirstRefusal(id, r.price),
                    issuer,
                    `Buy first: request #${id}`,
                    `Exercise your right of first refusal: you pay ${money(r.price)} to ${seller} and the ${units(r.amount)} come back to you; ${r.funded ? `the buyer's ${money(r.price)} in escrow goes back to him` : 'the buyer has paid nothing yet'}.`,
                  ),
                )
              }
            >
              Buy first for {money(r.price)}
            </button>
          )}
        </p>
      )}
      {rejecting && r.status === 'Pending' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (reasonTooLong) return;
            onAction(
              writeAction(
                api.rejectTransfer(id, reason.trim()),
                issuer,
                `Reject request #${id}`,
                `Reject the sale of ${units(r.amount)} to ${buyer}${reason.trim() ? ` with the reason “${reason.trim()}”` : ''}: the seller's tokens are unlocked${r.funded ? ` and the buyer's ${money(r.price)} is refunded from escrow` : ''}.`,
              ),
            );
          }}
        >
          <label htmlFor={reasonId}>Reason (shown to both parties, at most {MAX_REASON_LEN} bytes)</label>
          <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} />
          {reasonTooLong && <p className="error">The reason is longer than {MAX_REASON_LEN} bytes.</p>}
          <button type="submit" disabled={reasonTooLong}>
            Review the rejection
          </button>
        </form>
      )}
    </li>
  );
}
