import { useEffect, useState } from 'react';
import { useChain } from '../../components/ChainContext';
import { GovernanceApi } from '../../contracts/governance';
import { NETWORK } from '../../network';

/** Governance, opened from the manifest's address once connected. */
export function useGovernance(): GovernanceApi | undefined {
  const chain = useChain();
  const [api, setApi] = useState<GovernanceApi | undefined>(undefined);
  useEffect(() => {
    if (chain.status !== 'connected' || !NETWORK.ok) return;
    let alive = true;
    void GovernanceApi.open(chain.client, NETWORK.governance, chain.chain.ss58Prefix).then((g) => alive && setApi(g));
    return () => {
      alive = false;
    };
  }, [chain]);
  return api;
}
