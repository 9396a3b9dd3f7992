import { useMoney } from '../../components/ChainContext';
import { tokenUnits, type Action, type Loaded } from './loaded';

/** The token's sale requests; the buyer pays into escrow here, the issuer approves here. */
export function TransferRequests({ loaded, onAction }: { loaded: Loaded; onAction: (a: Action) => void }) {
  const money = useMoney();
  const { summary: s, api, mine } = loaded;
  const units = tokenUnits(s);
  if (loaded.requests.length === 0) return <p>No transfer request yet.</p>;
  return (
    <ul className="requests">
      {loaded.requests.map(({ id, request: r }) => {
        const seller = api.addr(r.seller);
        const buyer = api.addr(r.buyer);
        const open = r.status === 'Pending' || r.status === 'Approved';
        return (
          <li key={id.toString()} data-testid={`request-${id.toString()}`}>
            <p>
              Request #{id.toString()}: {units(r.amount)} from {seller} to {buyer} for {money(r.price)}. Status: {r.status}
              {open ? (r.funded ? ', paid into escrow.' : ', not paid yet.') : '.'}
            </p>
            {open && !r.funded && r.price > 0n && mine?.account === buyer && (
              <button
                type="button"
                onClick={() =>
                  onAction({
                    title: `Pay for request #${id}`,
                    summary: `Pay ${money(r.price)} into escrow for ${units(r.amount)}; it goes to the seller when the issuer approves, and comes back if the sale does not happen.`,
                    dryRun: () => api.dryRunFundRequest(buyer, id, r.price),
                    tx: (gas) => api.fundRequestTx(id, r.price, gas),
                  })
                }
              >
                Pay {money(r.price)} into escrow for request #{id.toString()}
              </button>
            )}
            {r.status === 'Pending' && mine?.account === s.issuer && (
              <button
                type="button"
                onClick={() =>
                  onAction({
                    title: `Approve request #${id}`,
                    summary: `Approve the sale of ${units(r.amount)} to ${buyer} for ${money(r.price)}${r.funded ? ': the tokens and the payment cross at once.' : '; it executes when the buyer pays.'}`,
                    dryRun: () => api.dryRunApproveTransfer(s.issuer, id),
                    tx: (gas) => api.approveTransferTx(id, gas),
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
  );
}
