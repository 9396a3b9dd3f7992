import { useState } from 'react';
import { useSelectedAddress } from '../components/WalletContext';
import type { PersonalTokenOffering } from '../contracts/token';
import { ActionDialog } from './token/ActionDialog';
import { AssetsTable } from './token/AssetsTable';
import { useNow, type Action } from './token/loaded';
import { Offerings } from './token/Offerings';
import { SellFlow } from './token/SellFlow';
import { SubscribeFlow } from './token/SubscribeFlow';
import { TokenFigures } from './token/TokenFigures';
import { TransferFlow } from './token/TransferFlow';
import { TokenHistory } from './token/TokenHistory';
import { TransferRequests } from './token/TransferRequests';
import { useToken } from './token/useToken';

export function TokenPage({ address }: { address: string }) {
  const now = useNow();
  const who = useSelectedAddress();
  const { data, error, refresh, connected } = useToken(address, who);
  const [subscribing, setSubscribing] = useState<{ id: bigint; offering: PersonalTokenOffering } | undefined>(undefined);
  const [transferring, setTransferring] = useState(false);
  const [selling, setSelling] = useState(false);
  const [action, setAction] = useState<Action | undefined>(undefined);
  const s = data?.summary;
  const canTrade = data?.mine !== undefined && data.mine.balance > 0n && data.mine.account !== s?.issuer;

  return (
    <section aria-labelledby="token-heading">
      <h1 id="token-heading">{s ? `${s.name ?? 'Token'} ($${s.symbol ?? '?'})` : 'Token'}</h1>
      <p className="address">{address}</p>
      {!connected && <p>The token appears once the app is connected to the node.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {s && data && (
        <>
          <TokenFigures loaded={data} />
          {canTrade && (
            <p className="actions">
              <button type="button" onClick={() => setTransferring(true)}>
                Transfer ${s.symbol ?? 'tokens'}
              </button>{' '}
              <button type="button" onClick={() => setSelling(true)}>
                Sell ${s.symbol ?? 'tokens'} to a member
              </button>
            </p>
          )}
          {selling && <SellFlow loaded={data} onClose={() => setSelling(false)} onDone={refresh} />}
          {transferring && <TransferFlow loaded={data} onClose={() => setTransferring(false)} onDone={refresh} />}
          <h2>Assets</h2>
          <AssetsTable assets={data.assets} />
          <h2>Transfer requests</h2>
          <TransferRequests loaded={data} onAction={setAction} />
          {action && <ActionDialog action={action} onClose={() => setAction(undefined)} onDone={refresh} />}
          <h2>Offerings</h2>
          <Offerings loaded={data} now={now} onAction={setAction} onSubscribe={setSubscribing} />
          {subscribing && <SubscribeFlow loaded={data} target={subscribing} onClose={() => setSubscribing(undefined)} onDone={refresh} />}
          <TokenHistory loaded={data} />
        </>
      )}
    </section>
  );
}
