import type { Client } from '../contracts/client';
import { moduleErrorMessage } from '../lib/errors';
import type { ChainTxStatus } from '../lib/tx';
import type { SigningAccount } from './WalletContext';

interface SubmittableLike {
  paymentInfo(account: string): Promise<{ partialFee: bigint }>;
  signAndSend(
    account: never,
    options: { signer?: never },
    callback: (r: { status: ChainTxStatus; dispatchError?: unknown }) => void,
  ): Promise<unknown>;
}

function dispatchErrorText(client: Client, err: unknown): string | undefined {
  if (!err) return undefined;
  try {
    const meta = client.registry.findErrorMeta(err as never);
    if (meta) return moduleErrorMessage({ pallet: meta.pallet, name: meta.name, docs: meta.docs });
  } catch {
    // fall through
  }
  const t = (err as { type?: string }).type;
  return `The chain refused the transaction${t ? ` (${t})` : ''}.`;
}

/** Signs with the wallet's signer (or the dev key pair) and reports each status. */
export async function signAndSend(
  client: Client,
  tx: unknown,
  signing: SigningAccount,
  onStatus: (s: ChainTxStatus, dispatchError?: string) => void,
): Promise<void> {
  const t = tx as SubmittableLike;
  const options = signing.signer ? { signer: signing.signer as never } : {};
  await t.signAndSend(signing.account as never, options, (r) => onStatus(r.status, dispatchErrorText(client, r.dispatchError)));
}

export async function estimateFee(tx: unknown, address: string): Promise<bigint | undefined> {
  const info = await (tx as SubmittableLike).paymentInfo(address);
  return info.partialFee;
}
