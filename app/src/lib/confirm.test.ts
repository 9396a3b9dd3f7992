import { describe, expect, it } from 'vitest';
import { canSubmit, confirmModel, thrownReason, type DryRunResult } from './confirm';
import { initialTx, signingErrorReason, txPhaseLabel, txReducer, type TxProgress } from './tx';
import { splitterErrorMessage, type SplitterError } from './errors';

const raw = {
  gasRequired: { refTime: 1_000n, proofSize: 2_000n },
  storageDeposit: { type: 'Charge' as const, value: 5n },
};

function result<D>(data: D, revert = false): DryRunResult<D> {
  return { data, raw, flags: { revert } };
}

const describeError = (e: unknown) => splitterErrorMessage(e as SplitterError);

describe('confirmModel', () => {
  it('is ok with summary, fee and storage deposit for an Ok result', () => {
    const m = confirmModel({ summary: 'Claim 5 UNIT', outcome: { kind: 'result', result: result({ isOk: true, value: 5n }) }, fee: 7n, describeError });
    expect(m).toEqual({ ok: true, summary: 'Claim 5 UNIT', fee: 7n, storageDeposit: { type: 'Charge', value: 5n }, gasRequired: raw.gasRequired });
    expect(canSubmit(m, initialTx)).toBe(true);
  });
  it("is not ok for the contract's Err, in plain words", () => {
    const m = confirmModel({ summary: 'Claim', outcome: { kind: 'result', result: result({ isErr: true, err: { type: 'NothingToClaim' } }, true) }, describeError });
    expect(m).toEqual({ ok: false, reason: 'You have nothing to claim from this payout splitter.' });
    expect(canSubmit(m, initialTx)).toBe(false);
  });
  it('is not ok for a revert without a Result', () => {
    expect(confirmModel({ summary: 'x', outcome: { kind: 'result', result: result(1, true) }, describeError })).toEqual({ ok: false, reason: 'The contract refused the call.' });
  });
  it('explains a LangError (dispatch failure)', () => {
    const error = Object.assign(new Error('lang'), { name: 'ContractLangError', langError: 'CouldNotReadInput' });
    const m = confirmModel({ summary: 'x', outcome: { kind: 'thrown', error }, describeError });
    expect(m.ok).toBe(false);
    expect(!m.ok && m.reason).toMatch(/did not understand the call/);
  });
  it('explains a module error from the dry run', () => {
    const error = Object.assign(new Error('dispatch'), {
      name: 'ContractDispatchError',
      dispatchError: { type: 'Module' },
      moduleError: { pallet: 'Contracts', name: 'OutOfGas', docs: [] },
    });
    expect(thrownReason(error)).toBe('The call ran out of gas.');
    const unknownModule = Object.assign(new Error('dispatch'), {
      name: 'ContractDispatchError',
      dispatchError: { type: 'Module' },
      moduleError: { pallet: 'Balances', name: 'Frobnicated', docs: ['It frobnicated.'] },
    });
    expect(thrownReason(unknownModule)).toBe('The chain refused the call (Balances.Frobnicated): It frobnicated.');
    expect(thrownReason(Object.assign(new Error('d'), { name: 'ContractDispatchError', dispatchError: { type: 'BadOrigin' } }))).toBe('The chain refused the call (BadOrigin).');
  });
  it('explains any other thrown error', () => {
    expect(thrownReason(new Error('socket closed'))).toBe('The call could not be checked: socket closed');
    expect(thrownReason(42)).toBe('The call could not be checked.');
  });
  it('allows submit only when ok and not in flight', () => {
    const ok = confirmModel({ summary: 'x', outcome: { kind: 'result', result: result({ isOk: true, value: 1n }) }, describeError });
    expect(canSubmit(ok, { phase: 'signing' })).toBe(false);
    expect(canSubmit(ok, { phase: 'inBlock' })).toBe(false);
    expect(canSubmit(ok, { phase: 'failed' })).toBe(true);
    expect(canSubmit(undefined, initialTx)).toBe(false);
  });
});

describe('txReducer', () => {
  const block = { blockHash: '0x', blockNumber: 7, txIndex: 0 };
  it('walks signing -> broadcast -> in block -> finalized', () => {
    let s: TxProgress = initialTx;
    s = txReducer(s, { type: 'sign' });
    expect(s.phase).toBe('signing');
    s = txReducer(s, { type: 'status', status: { type: 'Validated' } });
    s = txReducer(s, { type: 'status', status: { type: 'Broadcasting' } });
    expect(s.phase).toBe('broadcast');
    s = txReducer(s, { type: 'status', status: { type: 'BestChainBlockIncluded', value: block } });
    expect(s).toEqual({ phase: 'inBlock', blockNumber: 7 });
    expect(txPhaseLabel(s)).toMatch(/#7/);
    s = txReducer(s, { type: 'status', status: { type: 'Finalized', value: { ...block, blockNumber: 8 } } });
    expect(s).toEqual({ phase: 'finalized', blockNumber: 8 });
    // nothing moves a finalized transaction
    expect(txReducer(s, { type: 'error', reason: 'late' })).toBe(s);
    expect(txReducer(s, { type: 'status', status: { type: 'Broadcasting' } })).toBe(s);
  });
  it('fails on a dispatch error in the block', () => {
    let s = txReducer(txReducer(initialTx, { type: 'sign' }), { type: 'status', status: { type: 'Broadcasting' } });
    s = txReducer(s, { type: 'status', status: { type: 'BestChainBlockIncluded', value: block }, dispatchError: 'Out of gas' });
    expect(s).toEqual({ phase: 'failed', reason: 'Out of gas', blockNumber: 7 });
    expect(txPhaseLabel(s)).toBe('Failed: Out of gas');
  });
  it('fails on invalid, dropped and signing errors, and can retry', () => {
    const signing = txReducer(initialTx, { type: 'sign' });
    expect(txReducer(signing, { type: 'status', status: { type: 'Invalid', value: { error: 'bad nonce' } } }).reason).toMatch(/invalid: bad nonce/);
    expect(txReducer(signing, { type: 'status', status: { type: 'Drop', value: { error: 'pool full' } } }).reason).toMatch(/dropped/);
    const declined = txReducer(signing, { type: 'error', reason: signingErrorReason(new Error('Cancelled')) });
    expect(declined).toEqual({ phase: 'failed', reason: 'You declined to sign the transaction.' });
    expect(txReducer(declined, { type: 'sign' }).phase).toBe('signing');
    expect(txReducer(declined, { type: 'reset' })).toBe(initialTx);
  });
  it('ignores chain statuses before signing and a second sign in flight', () => {
    expect(txReducer(initialTx, { type: 'status', status: { type: 'Broadcasting' } })).toBe(initialTx);
    const b = txReducer(txReducer(initialTx, { type: 'sign' }), { type: 'status', status: { type: 'Broadcasting' } });
    expect(txReducer(b, { type: 'sign' })).toBe(b);
    expect(txReducer(b, { type: 'status', status: { type: 'NoLongerInBestChain' } }).phase).toBe('broadcast');
  });
});
