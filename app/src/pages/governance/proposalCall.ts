// A proposal's call read back from the chain: which allowlisted call it is and its arguments,
// decoded with the target's metadata. No React here.

import { loadMetadata } from '../../contracts/client';
import type { ProposalView } from '../../contracts/governance';
import { buildForm, callFor, decodeCall, METADATA_OF, targetKind, type AllowedCall, type CallForm, type MetadataLike } from '../../lib/proposalForm';

export interface DescribedCall {
  call: AllowedCall;
  form: CallForm;
  args: Record<string, unknown>;
}

/** The form of `call`, built from its target's metadata. */
export async function formOf(call: AllowedCall): Promise<{ form: CallForm; metadata: MetadataLike }> {
  const metadata = (await loadMetadata(METADATA_OF[call.target])) as unknown as MetadataLike;
  return { form: buildForm(call, metadata), metadata };
}

// A proposal's call never changes: decoded once per target, selector and input, not on every
// block or event the pages re-read on.
const described = new Map<string, Promise<DescribedCall | undefined>>();

/** The stored call in words, or undefined if it is not one the app knows how to read. */
export function describeCall(view: ProposalView, addresses: { governance: string; registry: string }, ss58: number): Promise<DescribedCall | undefined> {
  const target = view.proposal.target.address(ss58);
  const key = `${addresses.governance}/${addresses.registry}/${target}/${view.proposal.selector}/${view.proposal.input}`;
  let entry = described.get(key);
  if (!entry) {
    entry = (async () => {
      const call = callFor(targetKind(target, addresses), view.proposal.selector);
      if (!call) return undefined;
      const { form, metadata } = await formOf(call);
      const args = decodeCall(form, view.proposal.input, metadata);
      return args ? { call, form, args } : undefined;
    })();
    // A failed read (the metadata chunk did not load) is not kept: the next read tries again.
    entry.catch(() => described.delete(key));
    described.set(key, entry);
  }
  return entry;
}
