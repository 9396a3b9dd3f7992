// Registry queries, returning plain typed values. No React here.

import { Contract } from 'dedot/contracts';
import type { RegistryApplication, RegistryContractApi, RegistryMemberInfo, RegistryRegistryParams, RegistryVouch } from './types/registry';
import { loadMetadata, unwrap, type Client, type Write } from './client';
import { registryErrorMessage } from '../lib/errors';

export type { RegistryApplication, RegistryMemberInfo, RegistryVouch, RegistryRegistryParams };

type Gas = { refTime: bigint; proofSize: bigint };

/** The registry's page size bound (`members` takes at most 50). */
export const MAX_PAGE = 50;

export interface MemberRow {
  address: string;
  info: RegistryMemberInfo;
}

export class RegistryApi {
  private constructor(
    readonly contract: Contract<RegistryContractApi>,
    private readonly ss58: number,
  ) {}

  /** Reads need a caller: the registry's own address, which every node accepts. */
  static async open(client: Client, address: string, ss58Prefix: number): Promise<RegistryApi> {
    const metadata = await loadMetadata('registry');
    return new RegistryApi(new Contract<RegistryContractApi>(client, metadata, address, { defaultCaller: address }), ss58Prefix);
  }

  get address(): string {
    return this.contract.address;
  }

  async memberCount(): Promise<number> {
    return (await this.contract.query.memberCount()).data;
  }

  async membersPage(start: number, limit: number): Promise<MemberRow[]> {
    const { data } = await this.contract.query.members(start, Math.min(limit, MAX_PAGE));
    return unwrap(data, (e) => registryErrorMessage(e)).map(([account, info]) => ({ address: account.address(this.ss58), info }));
  }

  async member(account: string): Promise<RegistryMemberInfo | undefined> {
    return (await this.contract.query.member(account)).data;
  }

  async isActive(account: string): Promise<boolean> {
    return (await this.contract.query.memberRegistryIsActive(account)).data;
  }

  /** The vouches that admitted `account` (or back his open application). */
  async vouchers(account: string, count: number): Promise<RegistryVouch[]> {
    const out: RegistryVouch[] = [];
    for (let i = 0; i < count; i++) {
      const v = (await this.contract.query.voucherOf(account, i)).data;
      if (v) out.push(v);
    }
    return out;
  }

  /** When `account`'s rights began (0 for founders), if he is active now. */
  async rightsSince(account: string): Promise<bigint | undefined> {
    return (await this.contract.query.memberRegistryRightsSince(account)).data;
  }

  /** Whether `voucher` ever vouched for `member` (even if the bond was since released). */
  async hasVouchedFor(voucher: string, member: string): Promise<boolean> {
    return (await this.contract.query.memberRegistryHasVouchedFor(voucher, member)).data;
  }

  async tokenOf(member: string): Promise<string | undefined> {
    return (await this.contract.query.memberRegistryTokenOf(member)).data?.address(this.ss58);
  }

  async splitterOf(member: string): Promise<string | undefined> {
    return (await this.contract.query.splitterOf(member)).data?.address(this.ss58);
  }

  /** The issuer of `token` if the registry launched it; undefined for any other contract. */
  async issuerOf(token: string): Promise<string | undefined> {
    return (await this.contract.query.memberRegistryIssuerOf(token)).data?.address(this.ss58);
  }

  async params(): Promise<RegistryRegistryParams> {
    return (await this.contract.query.params()).data;
  }

  /** `account`'s open application, if any. */
  async candidate(account: string): Promise<RegistryApplication | undefined> {
    return (await this.contract.query.candidate(account)).data;
  }

  /** The last instant members may vouch for `account`'s open application (ms). */
  async vouchingDeadline(account: string): Promise<bigint | undefined> {
    return (await this.contract.query.vouchingDeadline(account)).data;
  }

  /** `apply(profile_hash)` sending exactly `bond` (the application bond), as `caller`. */
  dryRunApply(caller: string, profileHash: string, bond: bigint) {
    return this.contract.query.apply(profileHash as `0x${string}`, { caller, value: bond });
  }

  applyTx(profileHash: string, bond: bigint, gasLimit: Gas) {
    return this.contract.tx.apply(profileHash as `0x${string}`, { value: bond, gasLimit });
  }

  /** `vouch(candidate)` sending exactly `bond` (the vouch bond), as the member `caller`. */
  dryRunVouch(caller: string, candidate: string, bond: bigint) {
    return this.contract.query.vouch(candidate, { caller, value: bond });
  }

  vouchTx(candidate: string, bond: bigint, gasLimit: Gas) {
    return this.contract.tx.vouch(candidate, { value: bond, gasLimit });
  }

  /** `withdraw_application()` as the candidate `caller`: the application bond comes back. */
  dryRunWithdrawApplication(caller: string) {
    return this.contract.query.withdrawApplication({ caller });
  }

  withdrawApplicationTx(gasLimit: Gas) {
    return this.contract.tx.withdrawApplication({ gasLimit });
  }

  /** `release_vouch(member_or_candidate)` as the voucher `caller`. */
  dryRunReleaseVouch(caller: string, memberOrCandidate: string) {
    return this.contract.query.releaseVouch(memberOrCandidate, { caller });
  }

  releaseVouchTx(memberOrCandidate: string, gasLimit: Gas) {
    return this.contract.tx.releaseVouch(memberOrCandidate, { gasLimit });
  }

  /**
   * `launch_token(...)` as the member `caller`: the registry instantiates his token and its
   * payout splitter (one token per person, ever).
   */
  launchToken(t: { name: string; symbol: string; decimals: number; supply: bigint; termsHash: string; decisionPeriod: bigint; autoApprove: boolean }): Write {
    const args = [t.name, t.symbol, t.decimals, t.supply, t.termsHash as `0x${string}`, t.decisionPeriod, t.autoApprove] as const;
    return {
      dryRun: (caller) => this.contract.query.launchToken(...args, { caller }),
      tx: (gasLimit) => this.contract.tx.launchToken(...args, { gasLimit }),
    };
  }

  /** Formats an AccountId32 from a record in the chain's SS58 format. */
  addr(a: { address(prefix?: number): string }): string {
    return a.address(this.ss58);
  }
}
