import { useChain } from './ChainContext';

/** The status bar: which node, whether it is reachable, the chain's unit. */
export function NetworkStatus({ network }: { network: string }) {
  const s = useChain();
  let text: string;
  let tone: 'ok' | 'wait' | 'bad';
  switch (s.status) {
    case 'no-deployment':
      text = s.reason;
      tone = 'bad';
      break;
    case 'connecting':
      text = `Connecting to ${s.url}…`;
      tone = 'wait';
      break;
    case 'unreachable':
      text = `Cannot reach node ${s.url} (${s.error}). Retrying…`;
      tone = 'bad';
      break;
    case 'connected':
      text = `Connected to ${s.url} — ${s.chain.name}, unit ${s.chain.symbol} (${s.chain.decimals} decimals)`;
      tone = 'ok';
      if (s.registryError) text += ` — registry unavailable: ${s.registryError}`;
      break;
  }
  return (
    <p className={`network-status ${tone}`} role="status" aria-live="polite" data-testid="network-status">
      <span className="network-name">Network: {network}</span> {text}
    </p>
  );
}
