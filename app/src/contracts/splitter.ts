// Payout splitter queries and the claim transaction. A splitter is reached only through the
// registry (`splitter_of` of a member whose token the registry confirms).

import { Contract } from 'dedot/contracts';
import type { PayoutSplitterContractApi } from './types/payout-splitter';
import { loadMetadata, unwrap, type Client } from './client';
import { splitterErrorMessage } from '../lib/errors';

export class SplitterApi {
  private constructor(readonly contract: Contract<PayoutSplitterContractApi>) {}

  static async open(client: Client, address: string): Promise<SplitterApi> {
    const metadata = await loadMetadata('payout_splitter');
    return new SplitterApi(new Contract<PayoutSplitterContractApi>(client, metadata, address, { defaultCaller: address }));
  }

  get address(): string {
    return this.contract.address;
  }

  /** What `holder` can claim now, in planck. */
  async claimable(holder: string): Promise<bigint> {
    const { data } = await this.contract.query.claimable(holder);
    return unwrap(data, (e) => splitterErrorMessage(e));
  }

  /** The balance the splitter accounts `holder` for (his token balance, as the token reported it). */
  async holderBalance(holder: string): Promise<bigint> {
    return (await this.contract.query.holderBalance(holder)).data;
  }

  /** Dry run of `claim()` as `caller` (the confirm step). */
  dryRunClaim(caller: string) {
    return this.contract.query.claim({ caller });
  }

  claimTx(gasLimit: { refTime: bigint; proofSize: bigint }) {
    return this.contract.tx.claim({ gasLimit });
  }
}
