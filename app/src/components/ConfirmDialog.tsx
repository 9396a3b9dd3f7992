import { useEffect, useId, useReducer, useRef, useState } from 'react';
import { canSubmit, confirmModel, type ConfirmModel, type DryRunOutcome, type DryRunResult } from '../lib/confirm';
import { initialTx, signingErrorReason, txPhaseLabel, txReducer, type ChainTxStatus } from '../lib/tx';
import { useMoney } from './ChainContext';

export interface SendHandlers {
  onStatus: (status: ChainTxStatus, dispatchError?: string) => void;
}

export interface ConfirmDialogProps {
  title: string;
  summary: string;
  /** The dry run (dedot `contract.query.X(args, { caller })`). */
  dryRun: () => Promise<DryRunResult<unknown>>;
  /** The fee estimate, given the dry run's gas. */
  estimateFee?: (dry: DryRunResult<unknown>) => Promise<bigint | undefined>;
  describeError: (err: unknown) => string;
  /** Signs and sends with the dry run's gas; resolves once sent; reports statuses. */
  send: (dry: DryRunResult<unknown>, h: SendHandlers) => Promise<void>;
  onClose: () => void;
}

/** The confirm step: what will happen and what it costs, or why it would fail; submit only when ok. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, summary, dryRun, estimateFee, describeError, send, onClose } = props;
  const money = useMoney();
  const titleId = useId();
  const [model, setModel] = useState<ConfirmModel | undefined>(undefined);
  const [dry, setDry] = useState<DryRunResult<unknown> | undefined>(undefined);
  const [progress, dispatch] = useReducer(txReducer, initialTx);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let alive = true;
    (async () => {
      let outcome: DryRunOutcome<unknown>;
      let fee: bigint | undefined;
      try {
        const r = await dryRun();
        outcome = { kind: 'result', result: r };
        setDry(r);
        fee = estimateFee ? await estimateFee(r).catch(() => undefined) : undefined;
      } catch (error) {
        outcome = { kind: 'thrown', error };
      }
      if (alive) setModel(confirmModel({ summary, outcome, fee, describeError }));
    })();
    return () => {
      alive = false;
    };
  }, [dryRun, estimateFee, describeError, summary]);

  useEffect(() => closeRef.current?.focus(), []);

  const submit = async () => {
    if (!dry || !canSubmit(model, progress)) return;
    dispatch({ type: 'sign' });
    try {
      await send(dry, { onStatus: (status, dispatchError) => dispatch({ type: 'status', status, dispatchError }) });
    } catch (e) {
      dispatch({ type: 'error', reason: signingErrorReason(e) });
    }
  };

  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="dialog" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2 id={titleId}>{title}</h2>
        {!model && <p role="status">Checking the transaction with a dry run…</p>}
        {model?.ok === true && (
          <dl className="confirm-summary">
            <dt>What happens</dt>
            <dd>{model.summary}</dd>
            <dt>Network fee (estimate)</dt>
            <dd>{model.fee === undefined ? 'unknown' : money(model.fee)}</dd>
            <dt>Storage deposit</dt>
            <dd>
              {model.storageDeposit.value === 0n
                ? 'none'
                : model.storageDeposit.type === 'Charge'
                  ? `${money(model.storageDeposit.value)} held while the data is stored`
                  : `${money(model.storageDeposit.value)} refunded`}
            </dd>
          </dl>
        )}
        {model?.ok === false && (
          <p className="error" role="alert">
            This would fail: {model.reason}
          </p>
        )}
        {progress.phase !== 'idle' && (
          <p role="status" className={`tx-${progress.phase}`}>
            {txPhaseLabel(progress)}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={submit} disabled={!canSubmit(model, progress)}>
            Sign and submit
          </button>
          <button type="button" onClick={onClose} ref={closeRef}>
            {progress.phase === 'finalized' ? 'Close' : 'Cancel'}
          </button>
        </div>
      </div>
    </div>
  );
}
