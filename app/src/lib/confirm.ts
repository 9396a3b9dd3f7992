// The confirm step: a write action is dry-run first (dedot `contract.query.X(args, { caller })`),
// and the dialog shows either what will happen and what it costs, or why it would fail.
// Submit is allowed only when the model is ok.

import { langErrorMessage, moduleErrorMessage, type LangError, type ModuleErrorInfo } from './errors';

export interface Weight {
  refTime: bigint;
  proofSize: bigint;
}

export type StorageDeposit = { type: 'Charge'; value: bigint } | { type: 'Refund'; value: bigint };

/** The part of dedot's `GenericContractCallResult` the confirm step reads. */
export interface DryRunResult<D> {
  data: D;
  raw: { gasRequired: Weight; storageDeposit: StorageDeposit };
  flags: { revert: boolean };
}

/** What the dry run produced: a result, or what dedot threw. */
export type DryRunOutcome<D> = { kind: 'result'; result: DryRunResult<D> } | { kind: 'thrown'; error: unknown };

export type ConfirmModel =
  | {
      ok: true;
      summary: string;
      /** The transaction fee estimate (`paymentInfo().partialFee`), when known. */
      fee: bigint | undefined;
      storageDeposit: StorageDeposit;
      gasRequired: Weight;
    }
  | { ok: false; reason: string };

export interface ConfirmInput<D> {
  summary: string;
  outcome: DryRunOutcome<D>;
  fee?: bigint | undefined;
  /** A sentence for the contract's own error (the `Err` of a `Result` message). */
  describeError: (err: unknown) => string;
}

type ResultLike = { isOk?: boolean; isErr?: boolean; value?: unknown; err?: unknown };

function isResult(d: unknown): d is ResultLike {
  return typeof d === 'object' && d !== null && ('isOk' in d || 'isErr' in d);
}

/** A sentence for an error dedot threw from a dry run. */
export function thrownReason(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { name?: string; message?: string; langError?: unknown; moduleError?: ModuleErrorInfo; dispatchError?: unknown };
    if (e.name === 'ContractLangError' || e.langError !== undefined) {
      return langErrorMessage(e.langError as LangError);
    }
    if (e.name === 'ContractDispatchError' || e.dispatchError !== undefined) {
      if (e.moduleError) return moduleErrorMessage(e.moduleError);
      const d = e.dispatchError as { type?: string } | undefined;
      return `The chain refused the call${d?.type ? ` (${d.type})` : ''}.`;
    }
    if (typeof e.message === 'string' && e.message) {
      return `The call could not be checked: ${e.message}`;
    }
  }
  return 'The call could not be checked.';
}

export function confirmModel<D>(input: ConfirmInput<D>): ConfirmModel {
  const { outcome } = input;
  if (outcome.kind === 'thrown') return { ok: false, reason: thrownReason(outcome.error) };
  const { data, raw, flags } = outcome.result;
  if (isResult(data) && data.isErr) return { ok: false, reason: input.describeError(data.err) };
  if (flags.revert) return { ok: false, reason: 'The contract refused the call.' };
  return {
    ok: true,
    summary: input.summary,
    fee: input.fee,
    storageDeposit: raw.storageDeposit,
    gasRequired: raw.gasRequired,
  };
}

/** Whether the dialog's submit button is enabled. */
export function canSubmit(model: ConfirmModel | undefined, progress: { phase: string }): boolean {
  return model?.ok === true && (progress.phase === 'idle' || progress.phase === 'failed');
}
