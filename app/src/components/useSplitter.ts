import { useEffect, useState } from 'react';
import { useChain } from './ChainContext';

/** The issuer's payout splitter (the registry's `splitter_of`), once known. */
export function useSplitter(issuer: string): string | undefined {
  const chain = useChain();
  const registry = chain.status === 'connected' ? chain.registry : undefined;
  const [splitter, setSplitter] = useState<string | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void registry?.splitterOf(issuer).then((a) => alive && setSplitter(a));
    return () => {
      alive = false;
    };
  }, [registry, issuer]);
  return splitter;
}
