import { useCallback, useRef } from 'react';
import { useChain } from './ChainContext';
import { ConfirmDialog } from './ConfirmDialog';
import { estimateFee, signAndSend } from './sendTx';
import { useSelectedAddress, useWallet } from './WalletContext';
import type { DryRunResult } from '../lib/confirm';

export type Gas = { refTime: bigint; proofSize: bigint };

/** A contract message behind the confirm step: its dry run and the transaction with the dry run's gas. */
export interface WriteAction {
  title: string;
  summary: string;
  dryRun: () => Promise<DryRunResult<unknown>>;
  tx: (gas: Gas) => unknown;
  /** A sentence for the contract's own error. */
  describeError: (err: unknown) => string;
}

/** Calls `onDone` when the transaction is in a block and again when finalized. */
function refreshOn(onDone: () => void) {
  return (st: { type: string }) => {
    if (st.type === 'BestChainBlockIncluded' || st.type === 'Finalized') onDone();
  };
}

/** The confirm dialog for one `WriteAction`, signed by the selected account. */
export function WriteDialog({ action, onClose, onDone }: { action: WriteAction; onClose: () => void; onDone: () => void }) {
  const chain = useChain();
  const wallet = useWallet();
  const caller = useSelectedAddress();
  // Pages re-render every second (countdowns): keep the first action, so the dry run runs once.
  const first = useRef(action);
  const dryRun = useCallback(() => first.current.dryRun(), []);
  const fee = useCallback((dry: { raw: { gasRequired: Gas } }) => estimateFee(first.current.tx(dry.raw.gasRequired), caller ?? ''), [caller]);
  const describeError = useCallback((e: unknown) => first.current.describeError(e), []);
  if (chain.status !== 'connected') return null;
  return (
    <ConfirmDialog
      title={first.current.title}
      summary={first.current.summary}
      dryRun={dryRun}
      estimateFee={fee}
      describeError={describeError}
      send={async (dry, h) => {
        const signing = wallet.signingAccount();
        if (!signing) throw new Error('No account selected.');
        const done = refreshOn(onDone);
        await signAndSend(chain.client, first.current.tx(dry.raw.gasRequired), signing, (st, err) => {
          h.onStatus(st, err);
          if (!err) done(st);
        });
      }}
      onClose={onClose}
    />
  );
}
