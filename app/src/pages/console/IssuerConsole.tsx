// The issuer's console (lazy-loaded: members who issue nothing never download it).
import { useCallback, useEffect, useState } from 'react';
import { useChain } from '../../components/ChainContext';
import { useSelectedAddress } from '../../components/WalletContext';
import { href } from '../../lib/router';
import { ActionDialog } from '../token/ActionDialog';
import { useNow, type Action, type Loaded } from '../token/loaded';
import { TokenFigures } from '../token/TokenFigures';
import { useToken } from '../token/useToken';
import { DisclosureDesk } from './DisclosureDesk';
import { Distributions } from './Distributions';
import { LaunchToken } from './LaunchToken';
import { OfferingDesk } from './OfferingDesk';
import { RequestInbox } from './RequestInbox';

/** The connected account's token according to the registry: undefined while asking. */
function useOwnToken(who: string | undefined) {
  const chain = useChain();
  const registry = chain.status === 'connected' ? chain.registry : undefined;
  const [state, setState] = useState<{ who: string; token: string | null } | undefined>(undefined);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    if (!registry || !who) return;
    let alive = true;
    void registry.tokenOf(who).then((token) => alive && setState({ who, token: token ?? null }));
    return () => {
      alive = false;
    };
  }, [registry, who, reload]);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  return { token: state?.who === who ? state?.token : undefined, refresh, registry };
}

export default function IssuerConsole() {
  const who = useSelectedAddress();
  const { token, refresh, registry } = useOwnToken(who);
  return (
    <section aria-labelledby="console-heading">
      <h1 id="console-heading">Issuer console</h1>
      {!who && <p>Connect a wallet and pick the account that issues (or will issue) a token.</p>}
      {who && !registry && <p>The console appears once the app is connected to the node.</p>}
      {who && registry && token === undefined && <p role="status">Asking the registry for your token…</p>}
      {who && registry && token === null && <LaunchToken registry={registry} caller={who} onDone={refresh} />}
      {who && token && <TokenDesks address={token} who={who} />}
    </section>
  );
}

function TokenDesks({ address, who }: { address: string; who: string }) {
  const now = useNow();
  const { data, error, refresh } = useToken(address, who);
  const [action, setAction] = useState<Action | undefined>(undefined);
  const autoApprove = useAutoApprove(data);
  if (error) {
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  }
  if (!data) return <p role="status">Loading your token…</p>;
  const s = data.summary;
  return (
    <>
      <p>
        Your token: <a href={href({ page: 'token', address })}>{`${s.name ?? 'Token'} ($${s.symbol ?? '?'})`}</a>
      </p>
      <TokenFigures loaded={data} />
      {action && <ActionDialog action={action} onClose={() => setAction(undefined)} onDone={refresh} />}
      <h2>Sale requests</h2>
      <RequestInbox loaded={data} autoApprove={autoApprove} now={now} onAction={setAction} />
      <h2>Offerings</h2>
      <OfferingDesk loaded={data} now={now} onAction={setAction} />
      <h2>Assets and their sales</h2>
      <DisclosureDesk loaded={data} onAction={setAction} />
      <h2>Payouts to your holders</h2>
      <Distributions issuer={s.issuer} />
    </>
  );
}

function useAutoApprove(data: Loaded | undefined): boolean {
  const [auto, setAuto] = useState(false);
  const api = data?.api;
  useEffect(() => {
    if (!api) return;
    let alive = true;
    void api.requestRules().then((r) => alive && setAuto(r.autoApprove));
    return () => {
      alive = false;
    };
  }, [api]);
  return auto;
}
