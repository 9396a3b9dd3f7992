// What the chain says about a would-be juror of one dispute, read as governance's `ensure_juror`
// asks it at commit (the registry for rights and vouches; the accused's splitter, or else his
// token, for holdings). No React here.

import type { Client } from '../../contracts/client';
import type { DisputeView } from '../../contracts/governance';
import type { GovernanceApi } from '../../contracts/governance';
import type { RegistryApi } from '../../contracts/registry';
import { SplitterApi } from '../../contracts/splitter';
import { TokenApi } from '../../contracts/token';
import type { JurorFacts } from '../../lib/disputes';

export async function readJurorFacts(view: DisputeView, who: string, round: number, apis: { client: Client; governance: GovernanceApi; registry: RegistryApi; ss58: number }): Promise<JurorFacts> {
  const { governance, registry, client, ss58 } = apis;
  const d = view.dispute;
  const accused = governance.addr(d.accused);
  const party = who === accused || who === governance.addr(d.claimant);
  const holds = async (): Promise<boolean> => {
    if (d.accusedSplitter) return (await (await SplitterApi.open(client, governance.addr(d.accusedSplitter))).holderBalance(who)) > 0n;
    if (d.accusedToken) return (await (await TokenApi.openVerified(client, registry, governance.addr(d.accusedToken), ss58)).balanceOf(who)) > 0n;
    return false;
  };
  const [firstVote, rightsSince, vouchedForAccused, holdsAccusedToken] = await Promise.all([
    round === 3 ? governance.voteOf(view.id, 1, who) : Promise.resolve(undefined),
    registry.rightsSince(who),
    registry.hasVouchedFor(who, accused),
    holds(),
  ]);
  return {
    party,
    withheldInFirstRound: firstVote !== undefined && firstVote.revealed === undefined, // `revealed` is the vote once revealed
    rightsSince,
    openedAt: d.openedAt,
    vouchedForAccused,
    holdsAccusedToken,
  };
}
