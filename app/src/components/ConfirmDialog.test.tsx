// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog, type SendHandlers } from './ConfirmDialog';
import { splitterErrorMessage, type SplitterError } from '../lib/errors';
import type { DryRunResult } from '../lib/confirm';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const raw = { gasRequired: { refTime: 10n, proofSize: 20n }, storageDeposit: { type: 'Charge' as const, value: 300n } };
const describeError = (e: unknown) => splitterErrorMessage(e as SplitterError);

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;

describe('ConfirmDialog', () => {
  it('disables submit and says why when the dry run fails', async () => {
    const failing = async (): Promise<DryRunResult<unknown>> => ({ data: { isErr: true, err: { type: 'NothingToClaim' } }, raw, flags: { revert: true } });
    const send = vi.fn();
    await act(async () => {
      root.render(<ConfirmDialog title="Claim your payout" summary="Receive 5" dryRun={failing} describeError={describeError} send={send} onClose={() => undefined} />);
    });
    expect(container.querySelector('[role="dialog"]')?.getAttribute('aria-labelledby')).toBeTruthy();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('This would fail: You have nothing to claim from this payout splitter.');
    expect(button('Sign and submit').disabled).toBe(true);
    await act(async () => button('Sign and submit').click());
    expect(send).not.toHaveBeenCalled();
  });

  it('disables submit when the dry run throws (a module error)', async () => {
    const throwing = async (): Promise<DryRunResult<unknown>> => {
      throw Object.assign(new Error('dispatch'), { name: 'ContractDispatchError', dispatchError: { type: 'Module' }, moduleError: { pallet: 'Contracts', name: 'OutOfGas' } });
    };
    await act(async () => {
      root.render(<ConfirmDialog title="t" summary="s" dryRun={throwing} describeError={describeError} send={vi.fn()} onClose={() => undefined} />);
    });
    expect(container.textContent).toContain('This would fail: The call ran out of gas.');
    expect(button('Sign and submit').disabled).toBe(true);
  });

  it('shows the summary, fee and deposit, then walks the progress to finalized', async () => {
    const ok = async (): Promise<DryRunResult<unknown>> => ({ data: { isOk: true, value: 5n }, raw, flags: { revert: false } });
    let handlers: SendHandlers | undefined;
    const send = vi.fn(async (dry: DryRunResult<unknown>, h: SendHandlers) => {
      expect(dry.raw.gasRequired).toEqual(raw.gasRequired);
      handlers = h;
    });
    await act(async () => {
      root.render(<ConfirmDialog title="t" summary="Receive 5 planck" dryRun={ok} estimateFee={async () => 42n} describeError={describeError} send={send} onClose={() => undefined} />);
    });
    const text = container.textContent ?? '';
    expect(text).toContain('Receive 5 planck');
    expect(text).toContain('42 planck');
    expect(text).toContain('300 planck held while the data is stored');
    expect(button('Sign and submit').disabled).toBe(false);
    await act(async () => button('Sign and submit').click());
    expect(send).toHaveBeenCalledOnce();
    expect(button('Sign and submit').disabled).toBe(true);
    expect(container.textContent).toContain('Waiting for your signature');
    await act(async () => handlers?.onStatus({ type: 'Broadcasting' }));
    expect(container.textContent).toContain('Sent to the network');
    await act(async () => handlers?.onStatus({ type: 'BestChainBlockIncluded', value: { blockNumber: 9 } }));
    expect(container.textContent).toContain('Included in block #9');
    await act(async () => handlers?.onStatus({ type: 'Finalized', value: { blockNumber: 10 } }));
    expect(container.textContent).toContain('Done: finalized in block #10.');
    expect(button('Close')).toBeTruthy();
  });

  it('reports a declined signature and allows a retry', async () => {
    const ok = async (): Promise<DryRunResult<unknown>> => ({ data: { isOk: true, value: 5n }, raw, flags: { revert: false } });
    const send = vi.fn(async () => {
      throw new Error('Cancelled');
    });
    await act(async () => {
      root.render(<ConfirmDialog title="t" summary="s" dryRun={ok} describeError={describeError} send={send} onClose={() => undefined} />);
    });
    await act(async () => button('Sign and submit').click());
    expect(container.textContent).toContain('Failed: You declined to sign the transaction.');
    expect(button('Sign and submit').disabled).toBe(false);
  });
});
