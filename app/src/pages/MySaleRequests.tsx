import { useCallback, useState } from 'react';
import { useMoney } from '../components/ChainContext';
import { WriteDialog, type WriteAction } from '../components/WriteDialog';
import type { PersonalTokenTransferRequest, TokenApi } from '../contracts/token';
import { formatAmount } from '../lib/amount';
import { tokenErrorMessage } from '../lib/errors';
import { requestActions, requestStateText, roleOf, type RequestAction } from '../lib/requests';
import { href } from '../lib/router';
import { formatDate } from './format';

export interface SaleRow {
  token: TokenApi;
  label: string;
  decimals: number;
  symbol: string | undefined;
  id: bigint;
  request: PersonalTokenTransferRequest;
}

const BUTTON: Record<RequestAction, string> = { fund: 'Pay', 'withdraw-funding': 'Withdraw my payment', cancel: 'Cancel' };

/** The viewer's sale requests as seller and as buyer, with the actions the contract allows him. */
export function MySaleRequests({ rows, viewer, onDone }: { rows: SaleRow[]; viewer: string; onDone: () => void }) {
  const money = useMoney();
  const [action, setAction] = useState<WriteAction | undefined>(undefined);
  const describeError = useCallback((e: unknown) => tokenErrorMessage(e as never, { money }), [money]);
  const now = Date.now();
  if (rows.length === 0) return <p>No sale request as seller or buyer.</p>;

  const actionFor = (row: SaleRow, kind: RequestAction): WriteAction => {
    const { token, id, request: r } = row;
    const tokens = formatAmount(r.amount, { decimals: row.decimals, symbol: row.symbol });
    const what = `${tokens} for ${money(r.price)}`;
    switch (kind) {
      case 'fund':
        return {
          title: `Pay for ${row.label} request #${id}`,
          summary: `Pay ${money(r.price)} into escrow for ${tokens}; it goes to the seller when the issuer approves, and comes back if the sale does not happen.`,
          dryRun: () => token.dryRunFundRequest(viewer, id, r.price),
          tx: (gas) => token.fundRequestTx(id, r.price, gas),
          describeError,
        };
      case 'withdraw-funding':
        return {
          title: `Withdraw your payment for ${row.label} request #${id}`,
          summary: `Take back the ${money(r.price)} you paid into escrow for request #${id} (${what}); the request stays open unpaid.`,
          dryRun: () => token.dryRunWithdrawFunding(viewer, id),
          tx: (gas) => token.withdrawFundingTx(id, gas),
          describeError,
        };
      case 'cancel':
        return {
          title: `Cancel ${row.label} request #${id}`,
          summary: `Cancel request #${id} (${what}): the seller's tokens are unlocked${r.funded ? ' and the buyer’s payment is refunded' : ''}.`,
          dryRun: () => token.dryRunCancelRequest(viewer, id),
          tx: (gas) => token.cancelRequestTx(id, gas),
          describeError,
        };
    }
  };

  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">Request</th>
            <th scope="col">You are</th>
            <th scope="col">Amount</th>
            <th scope="col">Price</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const r = row.request;
            const seller = row.token.addr(r.seller);
            const buyer = row.token.addr(r.buyer);
            const plain = { ...r, seller, buyer };
            return (
              <tr key={`${row.token.address}-${row.id}`} data-testid={`sale-${row.label}-${row.id}`}>
                <td>
                  <a href={href({ page: 'token', address: row.token.address })}>{row.label}</a>
                </td>
                <td>#{row.id.toString()}</td>
                <td>{roleOf(plain, viewer) === 'seller' ? `seller (to ${buyer})` : `buyer (from ${seller})`}</td>
                <td>{formatAmount(r.amount, { decimals: row.decimals, symbol: row.symbol })}</td>
                <td>{money(r.price)}</td>
                <td>{requestStateText(plain, formatDate)}</td>
                <td>
                  {requestActions(plain, viewer, now).map((kind) => (
                    <button key={kind} type="button" onClick={() => setAction(actionFor(row, kind))}>
                      {kind === 'fund' ? `Pay ${money(r.price)}` : BUTTON[kind]} ({row.label} #{row.id.toString()})
                    </button>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {action && <WriteDialog action={action} onClose={() => setAction(undefined)} onDone={onDone} />}
    </>
  );
}
