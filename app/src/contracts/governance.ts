// Governance queries and the juror's transactions, returning plain typed values. No React here.

import { Contract } from 'dedot/contracts';
import type { GovernanceContractApi, GovernanceDispute, GovernanceJurorVote, GovernanceParamsGovernanceParams, GovernancePhase, GovernanceRuling } from './types/governance';
import { loadMetadata, type Client, type Write } from './client';

export type { GovernanceDispute, GovernanceJurorVote, GovernancePhase, GovernanceRuling };

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

  addr(a: { address(prefix?: number): string }): string {
    return a.address(this.ss58);
  }
}
