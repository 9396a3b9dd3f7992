// Personal token queries and the subscribe transaction, returning plain typed values.
// A token is opened only through `TokenApi.openVerified`, which asks the registry's
// `issuer_of` first: the app never trusts a token the registry does not confirm.

import { Contract } from 'dedot/contracts';
import type {
  PersonalTokenAsset,
  PersonalTokenAssetKind,
  PersonalTokenContractApi,
  PersonalTokenLastTrade,
  PersonalTokenOffering,
  PersonalTokenSubscription,
  PersonalTokenTransferRequest,
} from './types/personal-token';
import { ContractRefusal, loadMetadata, unwrap, type Client, type Write } from './client';
import type { RegistryApi } from './registry';
import { restrictionMessage, tokenErrorMessage } from '../lib/errors';

export type { PersonalTokenAsset, PersonalTokenAssetKind, PersonalTokenLastTrade, PersonalTokenOffering, PersonalTokenSubscription, PersonalTokenTransferRequest };

export interface TokenSummary {
  address: string;
  issuer: string;
  name: string | undefined;
  symbol: string | undefined;
  decimals: number;
  totalSupply: bigint;
  /** Units not held by the issuer. */
  outstanding: bigint;
  lastTrade: PersonalTokenLastTrade | undefined;
  impliedValuation: bigint | undefined;
  termsHash: string;
  frozen: boolean;
  holderCount: number;
  assetCount: bigint;
  offeringCount: bigint;
}

type Gas = { refTime: bigint; proofSize: bigint };

export class NotARegistryToken extends Error {
  override name = 'NotARegistryToken';
  constructor(address: string) {
    super(`${address} is not a token launched through the registry; the app does not show it.`);
  }
}

export class TokenApi {
  private constructor(
    readonly contract: Contract<PersonalTokenContractApi>,
    readonly issuer: string,
    private readonly ss58: number,
    readonly client: Client,
  ) {}

  /** Opens `address` only if the registry's `issuer_of` confirms it. */
  static async openVerified(client: Client, registry: RegistryApi, address: string, ss58Prefix: number): Promise<TokenApi> {
    const issuer = await registry.issuerOf(address);
    if (!issuer) throw new NotARegistryToken(address);
    const metadata = await loadMetadata('personal_token');
    const contract = new Contract<PersonalTokenContractApi>(client, metadata, address, { defaultCaller: address });
    return new TokenApi(contract, issuer, ss58Prefix, client);
  }

  get address(): string {
    return this.contract.address;
  }

  async summary(): Promise<TokenSummary> {
    const q = this.contract.query;
    const [name, symbol, decimals, totalSupply, outstanding, lastTrade, implied, terms, frozen, holders, assets, offerings] = await Promise.all([
      q.psp22MetadataTokenName(),
      q.psp22MetadataTokenSymbol(),
      q.psp22MetadataTokenDecimals(),
      q.psp22TotalSupply(),
      q.outstanding(),
      q.lastTrade(),
      q.impliedValuation(),
      q.termsHash(),
      q.tokenRemediesIsFrozen(),
      q.tokenRemediesHolderCount(),
      q.assetCount(),
      q.offeringCount(),
    ]);
    return {
      address: this.address,
      issuer: this.issuer,
      name: name.data,
      symbol: symbol.data,
      decimals: decimals.data,
      totalSupply: totalSupply.data,
      outstanding: outstanding.data,
      lastTrade: lastTrade.data,
      impliedValuation: implied.data,
      termsHash: terms.data,
      frozen: frozen.data,
      holderCount: holders.data,
      assetCount: assets.data,
      offeringCount: offerings.data,
    };
  }

  /** The token's symbol alone (one query), e.g. for a label. */
  async symbol(): Promise<string | undefined> {
    return (await this.contract.query.psp22MetadataTokenSymbol()).data;
  }

  async decimals(): Promise<number> {
    return (await this.contract.query.psp22MetadataTokenDecimals()).data;
  }

  async balanceOf(account: string): Promise<bigint> {
    return (await this.contract.query.psp22BalanceOf(account)).data;
  }

  /** The part of `account`'s balance locked in open transfer requests. */
  async lockedOf(account: string): Promise<bigint> {
    return (await this.contract.query.lockedOf(account)).data;
  }

  async assets(start: bigint, limit: number): Promise<Array<{ id: bigint; asset: PersonalTokenAsset }>> {
    const { data } = await this.contract.query.assets(start, limit);
    return unwrap(data, (e) => tokenErrorMessage(e)).map(([id, asset]) => ({ id, asset }));
  }

  async offerings(count: bigint): Promise<Array<{ id: bigint; offering: PersonalTokenOffering }>> {
    const out: Array<{ id: bigint; offering: PersonalTokenOffering }> = [];
    for (let id = 0n; id < count; id++) {
      const o = (await this.contract.query.offering(id)).data;
      if (o) out.push({ id, offering: o });
    }
    return out;
  }

  /** The ERC-1404 code and its explanation, asked of the contract (local words as a fallback). */
  async transferRestriction(from: string, to: string, amount: bigint): Promise<{ code: number; message: string }> {
    const code = (await this.contract.query.transferRestrictionDetectTransferRestriction(from, to, amount)).data;
    try {
      const message = (await this.contract.query.transferRestrictionMessageForTransferRestriction(code)).data;
      return { code, message: message || restrictionMessage(code) };
    } catch {
      return { code, message: restrictionMessage(code) };
    }
  }

  /** `account`'s subscription to offering `id` (zero when none). */
  async subscription(id: bigint, account: string): Promise<PersonalTokenSubscription> {
    return (await this.contract.query.subscription(id, account)).data;
  }

  /** The transfer requests, newest first (at most `limit`). */
  async requests(limit = 20): Promise<Array<{ id: bigint; request: PersonalTokenTransferRequest }>> {
    const count = (await this.contract.query.requestCount()).data;
    const out: Array<{ id: bigint; request: PersonalTokenTransferRequest }> = [];
    for (let id = count - 1n; id >= 0n && out.length < limit; id--) {
      const r = (await this.contract.query.request(id)).data;
      if (r) out.push({ id, request: r });
    }
    return out;
  }

  /** `request_transfer(buyer, amount, price)` as `caller`: the seller locks `amount` for a sale. */
  dryRunRequestTransfer(caller: string, buyer: string, amount: bigint, price: bigint) {
    return this.contract.query.requestTransfer(buyer, amount, price, { caller });
  }

  requestTransferTx(buyer: string, amount: bigint, price: bigint, gasLimit: Gas) {
    return this.contract.tx.requestTransfer(buyer, amount, price, { gasLimit });
  }

  /** `fund_request(id)` paying `price` into escrow, as the buyer. */
  dryRunFundRequest(caller: string, id: bigint, price: bigint) {
    return this.contract.query.fundRequest(id, { caller, value: price });
  }

  fundRequestTx(id: bigint, price: bigint, gasLimit: Gas) {
    return this.contract.tx.fundRequest(id, { value: price, gasLimit });
  }

  /** `approve_transfer(id)` as the issuer: a funded request executes at once. */
  dryRunApproveTransfer(caller: string, id: bigint) {
    return this.contract.query.approveTransfer(id, { caller });
  }

  approveTransferTx(id: bigint, gasLimit: Gas) {
    return this.contract.tx.approveTransfer(id, { gasLimit });
  }

  /** The requests `account` is the seller or the buyer of, newest first (scans at most `scan`). */
  async requestsOf(account: string, scan = 200): Promise<Array<{ id: bigint; request: PersonalTokenTransferRequest }>> {
    const all = await this.requests(scan);
    return all.filter(({ request: r }) => this.addr(r.seller) === account || this.addr(r.buyer) === account);
  }

  /** `withdraw_funding(id)` as the buyer: his escrowed payment comes back. */
  dryRunWithdrawFunding(caller: string, id: bigint) {
    return this.contract.query.withdrawFunding(id, { caller });
  }

  withdrawFundingTx(id: bigint, gasLimit: Gas) {
    return this.contract.tx.withdrawFunding(id, { gasLimit });
  }

  /** `cancel_request(id)` (the seller before approval; anyone after the settlement deadline). */
  dryRunCancelRequest(caller: string, id: bigint) {
    return this.contract.query.cancelRequest(id, { caller });
  }

  cancelRequestTx(id: bigint, gasLimit: Gas) {
    return this.contract.tx.cancelRequest(id, { gasLimit });
  }

  /** `settle(id)`: anyone may settle a closed offering (the dry run says whether it can be). */
  dryRunSettle(caller: string, id: bigint) {
    return this.contract.query.settle(id, { caller });
  }

  settleTx(id: bigint, gasLimit: Gas) {
    return this.contract.tx.settle(id, { gasLimit });
  }

  /** `refund(id)` as a subscriber of a failed (or cancelled) offering. */
  dryRunRefund(caller: string, id: bigint) {
    return this.contract.query.refund(id, { caller });
  }

  refundTx(id: bigint, gasLimit: Gas) {
    return this.contract.tx.refund(id, { gasLimit });
  }

  /** Dry run of a plain `PSP22::transfer(to, value)` as `caller`. */
  dryRunTransfer(caller: string, to: string, value: bigint) {
    return this.contract.query.psp22Transfer(to, value, '0x', { caller });
  }

  transferTx(to: string, value: bigint, gasLimit: { refTime: bigint; proofSize: bigint }) {
    return this.contract.tx.psp22Transfer(to, value, '0x', { gasLimit });
  }

  /** Dry run of `subscribe(id, amount, terms_hash)` paying `value`, as `caller`. */
  dryRunSubscribe(caller: string, id: bigint, amount: bigint, termsHash: string, value: bigint) {
    return this.contract.query.subscribe(id, amount, termsHash as `0x${string}`, { caller, value });
  }

  subscribeTx(id: bigint, amount: bigint, termsHash: string, value: bigint, gasLimit: { refTime: bigint; proofSize: bigint }) {
    return this.contract.tx.subscribe(id, amount, termsHash as `0x${string}`, { value, gasLimit });
  }

  // ----- the issuer's console ---------------------------------------------------------------

  /** The decision period (ms) and whether silence approves a request. */
  async requestRules(): Promise<{ decisionPeriod: bigint; autoApprove: boolean }> {
    const [period, auto] = await Promise.all([this.contract.query.decisionPeriod(), this.contract.query.autoApprove()]);
    return { decisionPeriod: period.data, autoApprove: auto.data };
  }

  /** The contract's own `holders_share(gross)` (the console computes it too, and shows it). */
  async holdersShare(gross: bigint): Promise<bigint> {
    return unwrap((await this.contract.query.holdersShare(gross)).data, (e) => tokenErrorMessage(e));
  }

  /** `reject_transfer(id, reason)` as the issuer: tokens unlocked, escrow refunded. */
  rejectTransfer(id: bigint, reason: string): Write {
    return {
      dryRun: (caller) => this.contract.query.rejectTransfer(id, reason, { caller }),
      tx: (gasLimit) => this.contract.tx.rejectTransfer(id, reason, { gasLimit }),
    };
  }

  /** `exercise_first_refusal(id)` paying the request's `price`: the issuer buys instead. */
  exerciseFirstRefusal(id: bigint, price: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.exerciseFirstRefusal(id, { caller, value: price }),
      tx: (gasLimit) => this.contract.tx.exerciseFirstRefusal(id, { value: price, gasLimit }),
    };
  }

  /** `open_offering(amount, price_per_unit, min_total, deadline, invitees)` as the issuer. */
  openOffering(amount: bigint, pricePerUnit: bigint, minTotal: bigint, deadline: bigint, invitees: string[]): Write {
    return {
      dryRun: (caller) => this.contract.query.openOffering(amount, pricePerUnit, minTotal, deadline, invitees, { caller }),
      tx: (gasLimit) => this.contract.tx.openOffering(amount, pricePerUnit, minTotal, deadline, invitees, { gasLimit }),
    };
  }

  /** `cancel_offering(id)` as the issuer, before it closes: subscribers take refunds. */
  cancelOffering(id: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.cancelOffering(id, { caller }),
      tx: (gasLimit) => this.contract.tx.cancelOffering(id, { gasLimit }),
    };
  }

  /** `disclose_asset(kind, uri_hash, estimated_value)` as the issuer. */
  discloseAsset(kind: PersonalTokenAssetKind, uriHash: string, estimatedValue: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.discloseAsset(kind, uriHash as `0x${string}`, estimatedValue, { caller }),
      tx: (gasLimit) => this.contract.tx.discloseAsset(kind, uriHash as `0x${string}`, estimatedValue, { gasLimit }),
    };
  }

  /** `revalue(id, value)` as the issuer. */
  revalue(id: bigint, value: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.revalue(id, value, { caller }),
      tx: (gasLimit) => this.contract.tx.revalue(id, value, { gasLimit }),
    };
  }

  /** `report_liquidation(asset_id, gross)` sending `share`: it goes to the payout splitter. */
  reportLiquidation(assetId: bigint, gross: bigint, share: bigint): Write {
    return {
      dryRun: (caller) => this.contract.query.reportLiquidation(assetId, gross, { caller, value: share }),
      tx: (gasLimit) => this.contract.tx.reportLiquidation(assetId, gross, { value: share, gasLimit }),
    };
  }

  addr(a: { address(prefix?: number): string }): string {
    return a.address(this.ss58);
  }
}

export { ContractRefusal };
