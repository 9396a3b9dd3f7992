// The member directory's rows: a member from the registry with his token's name and symbol
// (opened only through `TokenApi.openVerified`). Queries only; no React here.

import { decodeAddress, encodeAddress } from 'dedot/utils';
import type { DirectoryEntry } from '../lib/members';
import { shortAddress } from '../lib/wallet';
import type { Client } from './client';
import { MAX_PAGE, type RegistryApi, type RegistryMemberInfo } from './registry';
import { TokenApi } from './token';

export interface DirectoryRow extends DirectoryEntry {
  token?: string;
  tokenLabel?: string;
}

/** Whether `s` is a whole SS58 address (any network prefix). */
export function isAddress(s: string): boolean {
  try {
    decodeAddress(s);
    return true;
  } catch {
    return false;
  }
}

export class Directory {
  constructor(
    private readonly client: Client,
    private readonly registry: RegistryApi,
    private readonly ss58: number,
  ) {}

  private async row(address: string, info: RegistryMemberInfo): Promise<DirectoryRow> {
    const row: DirectoryRow = { address, names: [], status: info.status, hasToken: info.token !== undefined };
    if (!info.token) return row;
    const token = this.registry.addr(info.token);
    row.token = token;
    try {
      const s = await (await TokenApi.openVerified(this.client, this.registry, token, this.ss58)).summary();
      row.names = [s.name ?? '', s.symbol ?? ''].filter(Boolean);
      row.tokenLabel = s.symbol ? `$${s.symbol}` : shortAddress(token);
    } catch {
      row.tokenLabel = 'unverified token';
    }
    return row;
  }

  memberCount(): Promise<number> {
    return this.registry.memberCount();
  }

  /** Members `start .. start + limit` in admission order (the registry's paged `members`). */
  async page(start: number, limit: number): Promise<DirectoryRow[]> {
    const members = await this.registry.membersPage(start, limit);
    return Promise.all(members.map(({ address, info }) => this.row(address, info)));
  }

  /** Every member ever admitted, read in pages of the registry's maximum. */
  async all(): Promise<DirectoryRow[]> {
    const count = await this.memberCount();
    const pages: Promise<DirectoryRow[]>[] = [];
    for (let start = 0; start < count; start += MAX_PAGE) pages.push(this.page(start, MAX_PAGE));
    return (await Promise.all(pages)).flat();
  }

  /**
   * The member at `address` (one registry question), or none if the registry never admitted
   * him; an address written with another network's prefix finds him too.
   */
  async lookup(address: string): Promise<DirectoryRow | undefined> {
    const canonical = encodeAddress(decodeAddress(address), this.ss58);
    const info = await this.registry.member(canonical);
    return info ? this.row(canonical, info) : undefined;
  }
}
