import type { TokenApi } from '../../contracts/token';
import type { Action } from './loaded';

/** `settle(id)` as `caller`: what it does depends on whether the minimum was raised. */
export function settleAction(api: TokenApi, id: bigint, minimumReached: boolean, caller: string, payments: string): Action {
  return {
    title: `Settle offering #${id}`,
    summary: minimumReached
      ? `Settle offering #${id}: the tokens go to its subscribers who are still active members, and their payments ${payments}.`
      : `Settle offering #${id}: it did not raise its minimum, so it fails and every subscriber can take a refund.`,
    dryRun: () => api.dryRunSettle(caller, id),
    tx: (gas) => api.settleTx(id, gas),
  };
}
