// The suite's contracts an account's notices and activity come from: every token the registry
// launched (confirmed by its issuer_of), with its splitter, and governance.
import { useEffect, useState } from 'react';
import { GovernanceApi } from '../contracts/governance';
import { MAX_PAGE } from '../contracts/registry';
import { TokenApi } from '../contracts/token';
import { NETWORK } from '../network';
import type { WatchedContract } from '../activity/types';
import { useChain } from './ChainContext';

export interface Suite {
  /** Each registry token: its label ($BOB), decimals and splitter. */
  tokens: Map<string, { label: string; decimals: number; splitter: string | undefined }>;
  governance: GovernanceApi;
}

/** The registry's tokens (with their splitters) and governance: the contracts notices come from. */
export function useSuite(): Suite | undefined {
  const chain = useChain();
  const [suite, setSuite] = useState<Suite | undefined>(undefined);
  const registry = chain.status === 'connected' ? chain.registry : undefined;
  useEffect(() => {
    if (!registry || chain.status !== 'connected' || !NETWORK.ok) return;
    let alive = true;
    (async () => {
      const tokens: Suite['tokens'] = new Map();
      const count = await registry.memberCount();
      for (let start = 0; start < count; start += MAX_PAGE) {
        for (const { info } of await registry.membersPage(start, MAX_PAGE)) {
          if (!info.token) continue;
          const token = registry.addr(info.token);
          // Only tokens the registry launched (openVerified asks its issuer_of).
          const api = await TokenApi.openVerified(chain.client, registry, token, chain.chain.ss58Prefix).catch(() => undefined);
          if (!api) continue;
          const [symbol, decimals] = await Promise.all([api.symbol(), api.decimals()]);
          tokens.set(token, { label: `$${symbol ?? '?'}`, decimals, splitter: info.splitter ? registry.addr(info.splitter) : undefined });
        }
      }
      const governance = await GovernanceApi.open(chain.client, NETWORK.governance, chain.chain.ss58Prefix);
      if (alive) setSuite({ tokens, governance });
    })().catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [registry, chain]);
  return suite;
}

/** The contracts whose events concern members: every token and splitter, governance and, if given, the registry. */
export function suiteContracts(suite: Suite, registry?: string): WatchedContract[] {
  return [
    ...[...suite.tokens].flatMap(([token, t]) => [
      { kind: 'personal_token' as const, address: token },
      ...(t.splitter ? [{ kind: 'payout_splitter' as const, address: t.splitter }] : []),
    ]),
    { kind: 'governance' as const, address: suite.governance.address },
    ...(registry ? [{ kind: 'registry' as const, address: registry }] : []),
  ];
}
