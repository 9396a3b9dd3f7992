// Governance queries and the juror's transactions, returning plain typed values. No React here.

import { Contract } from 'dedot/contracts';
import type { GovernanceContractApi, GovernanceDispute, GovernanceJurorVote, GovernanceParamsGovernanceParams, GovernancePhase, GovernanceProposal, GovernanceProposalState, GovernanceRuling } from './types/governance';
import { loadMetadata, type Client, type Write } from './client';

export type { GovernanceDispute, GovernanceJurorVote, GovernanceParamsGovernanceParams, GovernancePhase, GovernanceProposal, GovernanceProposalState, GovernanceRuling };

export interface ProposalView {
  id: bigint;
  proposal: GovernanceProposal;
  state: GovernanceProposalState;
}

export interface DisputeView {
  id: bigint;
  dispute: GovernanceDispute;
  phase: GovernancePhase;
  ruling: GovernanceRuling | undefined;
}

export class GovernanceApi {
  private constructor(
    readonly contract: Contract<GovernanceContractApi>,
    private readonly ss58: number,
  ) {}

  static async open(client: Client, address: string, ss58Prefix: number): Promise<GovernanceApi> {
    const metadata = await loadMetadata('governance');
    return new GovernanceApi(new Contract<GovernanceContractApi>(client, metadata, address, { defaultCaller: address }), ss58Prefix);
  }

  get address(): string {
    return this.contract.address;
  }

  async params(): Promise<GovernanceParamsGovernanceParams> {
    return (await this.contract.query.params()).data;
  }

  async disputeCount(): Promise<bigint> {
    return (await this.contract.query.disputeCount()).data;
  }

  async dispute(id: bigint): Promise<DisputeView | undefined> {
    const q = this.contract.query;
    const [d, phase, ruling] = await Promise.all([q.dispute(id), q.phase(id), q.ruling(id)]);
    if (!d.data || !phase.data) return undefined;
    return { id, dispute: d.data, phase: phase.data, ruling: ruling.data };
  }

  /** The newest `limit` disputes, newest first. */
  async disputes(limit = 50): Promise<DisputeView[]> {
    const count = await this.disputeCount();
    const ids: bigint[] = [];
    for (let id = count - 1n; id >= 0n && ids.length < limit; id--) ids.push(id);
    return (await Promise.all(ids.map((id) => this.dispute(id)))).filter((d): d is DisputeView => d !== undefined);
  }

  async voteOf(id: bigint, round: number, juror: string): Promise<GovernanceJurorVote | undefined> {
    return (await this.contract.query.voteOf(id, round, juror)).data;
  }

  async claimableReward(id: bigint, juror: string): Promise<bigint> {
    return (await this.contract.query.claimableReward(id, juror)).data;
  }

  /** `submit_evidence(id, hash)` as a party. */
  submitEvidence(id: bigint, hash: string): Write {
    return {
      dryRun: (caller) => this.contract.query.submitEvidence(id, hash as `0x${string}`, { caller }),
      tx: (gasLimit) => this.contract.tx.submitEvidence(id, hash as `0x${string}`, { gasLimit }),
    };
  }

  /** `commit_vote(id, commitment)` paying the dispute's juror deposit. */
  commitVote(id: bigint, commitment: string, deposit: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.commitVote(id, commitment as `0x${string}`, { caller, value: deposit }),
      tx: (gasLimit) => this.contract.tx.commitVote(id, commitment as `0x${string}`, { value: deposit, gasLimit }),
    };
  }

  /** `reveal_vote(id, vote, salt)`: the deposit comes back. */
  revealVote(id: bigint, vote: boolean, salt: string): Write {
    return {
      dryRun: (caller) => this.contract.query.revealVote(id, vote, salt as `0x${string}`, { caller }),
      tx: (gasLimit) => this.contract.tx.revealVote(id, vote, salt as `0x${string}`, { gasLimit }),
    };
  }

  /** `execute_ruling(id)`: anyone, once the dispute is final. */
  executeRuling(id: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.executeRuling(id, { caller }),
      tx: (gasLimit) => this.contract.tx.executeRuling(id, { gasLimit }),
    };
  }

  /** `claim_juror_reward(id)` as a juror who voted with the ruling. */
  claimJurorReward(id: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.claimJurorReward(id, { caller }),
      tx: (gasLimit) => this.contract.tx.claimJurorReward(id, { gasLimit }),
    };
  }

  /** `appeal(id)` paying the dispute's appeal bond, as the losing side of the first instance. */
  appeal(id: bigint, bond: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.appeal(id, { caller, value: bond }),
      tx: (gasLimit) => this.contract.tx.appeal(id, { value: bond, gasLimit }),
    };
  }

  // ----- proposals -----------------------------------------------------------------------

  async proposalCount(): Promise<bigint> {
    return (await this.contract.query.proposalCount()).data;
  }

  async proposal(id: bigint): Promise<ProposalView | undefined> {
    const q = this.contract.query;
    const [p, state] = await Promise.all([q.proposal(id), q.proposalState(id)]);
    if (!p.data || !state.data) return undefined;
    return { id, proposal: p.data, state: state.data };
  }

  /** The newest `limit` proposals, newest first. */
  async proposals(limit = 50): Promise<ProposalView[]> {
    const count = await this.proposalCount();
    const ids: bigint[] = [];
    for (let id = count - 1n; id >= 0n && ids.length < limit; id--) ids.push(id);
    return (await Promise.all(ids.map((id) => this.proposal(id)))).filter((p): p is ProposalView => p !== undefined);
  }

  async ballotOf(id: bigint, voter: string): Promise<boolean | undefined> {
    return (await this.contract.query.ballotOf(id, voter)).data;
  }

  /** `propose(target, selector, input, 0)`: an allowlisted call, encoded from its form. */
  propose(target: string, selector: `0x${string}`, input: `0x${string}`): Write {
    return {
      dryRun: (caller) => this.contract.query.propose(target, selector, input, 0n, { caller }),
      tx: (gasLimit) => this.contract.tx.propose(target, selector, input, 0n, { gasLimit }),
    };
  }

  vote(id: bigint, support: boolean): Write {
    return {
      dryRun: (caller) => this.contract.query.vote(id, support, { caller }),
      tx: (gasLimit) => this.contract.tx.vote(id, support, { gasLimit }),
    };
  }

  veto(id: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.veto(id, { caller }),
      tx: (gasLimit) => this.contract.tx.veto(id, { gasLimit }),
    };
  }

  cancel(id: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.cancel(id, { caller }),
      tx: (gasLimit) => this.contract.tx.cancel(id, { gasLimit }),
    };
  }

  execute(id: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.execute(id, { caller }),
      tx: (gasLimit) => this.contract.tx.execute(id, { gasLimit }),
    };
  }

  addr(a: { address(prefix?: number): string }): string {
    return a.address(this.ss58);
  }
}
