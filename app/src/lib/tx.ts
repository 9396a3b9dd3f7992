// Transaction progress as a reducer: idle -> signing -> broadcast -> in block -> finalized,
// or failed from any step. Driven by dedot's TxStatus callbacks.

export type TxPhase = 'idle' | 'signing' | 'broadcast' | 'inBlock' | 'finalized' | 'failed';

export interface TxProgress {
  phase: TxPhase;
  blockNumber?: number;
  reason?: string;
}

/** dedot's TxStatus (`dedot/types`), as far as the reducer reads it. */
export type ChainTxStatus =
  | { type: 'Validated' }
  | { type: 'Broadcasting' }
  | { type: 'BestChainBlockIncluded'; value: { blockNumber: number } }
  | { type: 'NoLongerInBestChain' }
  | { type: 'Finalized'; value: { blockNumber: number } }
  | { type: 'Invalid'; value: { error: string } }
  | { type: 'Drop'; value: { error: string } };

export type TxAction =
  | { type: 'sign' }
  | { type: 'status'; status: ChainTxStatus; dispatchError?: string | undefined }
  | { type: 'error'; reason: string }
  | { type: 'reset' };

export const initialTx: TxProgress = { phase: 'idle' };

export function txReducer(state: TxProgress, action: TxAction): TxProgress {
  switch (action.type) {
    case 'reset':
      return initialTx;
    case 'sign':
      return state.phase === 'idle' || state.phase === 'failed' ? { phase: 'signing' } : state;
    case 'error':
      return state.phase === 'finalized' ? state : { phase: 'failed', reason: action.reason };
    case 'status': {
      if (state.phase === 'finalized' || state.phase === 'failed' || state.phase === 'idle') return state;
      const st = action.status;
      switch (st.type) {
        case 'Validated':
        case 'Broadcasting':
        case 'NoLongerInBestChain':
          return { phase: 'broadcast' };
        case 'BestChainBlockIncluded':
          if (action.dispatchError) return { phase: 'failed', reason: action.dispatchError, blockNumber: st.value.blockNumber };
          return { phase: 'inBlock', blockNumber: st.value.blockNumber };
        case 'Finalized':
          if (action.dispatchError) return { phase: 'failed', reason: action.dispatchError, blockNumber: st.value.blockNumber };
          return { phase: 'finalized', blockNumber: st.value.blockNumber };
        case 'Invalid':
          return { phase: 'failed', reason: `The transaction is invalid: ${st.value.error}` };
        case 'Drop':
          return { phase: 'failed', reason: `The transaction was dropped: ${st.value.error}` };
        default: {
          const unreachable: never = st;
          return unreachable;
        }
      }
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** The words the dialog shows for a step. */
export function txPhaseLabel(p: TxProgress): string {
  switch (p.phase) {
    case 'idle':
      return '';
    case 'signing':
      return 'Waiting for your signature in the wallet…';
    case 'broadcast':
      return 'Sent to the network, waiting for a block…';
    case 'inBlock':
      return `Included in block #${p.blockNumber ?? '?'}, waiting for finality…`;
    case 'finalized':
      return `Done: finalized in block #${p.blockNumber ?? '?'}.`;
    case 'failed':
      return `Failed: ${p.reason ?? 'unknown reason'}`;
  }
}

/** A sentence for a signing failure (the extension's "Cancelled" / "Rejected by user"). */
export function signingErrorReason(error: unknown): string {
  const msg = error instanceof Error ? error.message : String(error);
  if (/cancel|reject|denied|declin/i.test(msg)) return 'You declined to sign the transaction.';
  return msg || 'The transaction could not be sent.';
}
