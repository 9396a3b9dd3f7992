import { useEffect, useState } from 'react';
import { useChain, useMoney } from '../components/ChainContext';
import type { RegistryMemberInfo, RegistryVouch } from '../contracts/registry';
import { memberStatusText } from '../lib/members';
import { href } from '../lib/router';
import { formatDate } from './format';

interface Loaded {
  info: RegistryMemberInfo | undefined;
  vouches: RegistryVouch[];
  token: string | undefined;
  active: boolean;
}

export function MemberPage({ address }: { address: string }) {
  const chain = useChain();
  const money = useMoney();
  const [data, setData] = useState<Loaded | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const registry = chain.status === 'connected' ? chain.registry : undefined;

  useEffect(() => {
    if (!registry) return;
    let alive = true;
    (async () => {
      const info = await registry.member(address);
      const [vouches, token, active] = info
        ? await Promise.all([registry.vouchers(address, info.voucherCount), registry.tokenOf(address), registry.isActive(address)])
        : [[], undefined, false];
      if (alive) setData({ info, vouches, token, active });
    })().catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [registry, address]);

  return (
    <section aria-labelledby="member-heading">
      <h1 id="member-heading">Member</h1>
      <p className="address">{address}</p>
      {!registry && <p>The member appears once the app is connected to the node.</p>}
      {error && (
        <p className="error" role="alert">
          Could not load the member: {error}
        </p>
      )}
      {data && !data.info && <p>This account was never admitted to the registry.</p>}
      {data?.info && registry && (
        <>
          <dl>
            <dt>Status</dt>
            <dd>{memberStatusText(data.info.status, formatDate)}</dd>
            <dt>Member since</dt>
            <dd>{formatDate(data.info.joinedAt)}</dd>
            <dt>Bond</dt>
            <dd>{money(data.info.bond)}</dd>
            <dt>Token</dt>
            <dd>{data.token ? <a href={href({ page: 'token', address: data.token })}>{data.token}</a> : 'No token launched.'}</dd>
          </dl>
          <h2>Who vouched</h2>
          {data.vouches.length === 0 ? (
            <p>No vouches recorded (a genesis member).</p>
          ) : (
            <ul>
              {data.vouches.map((v) => {
                const voucher = registry.addr(v.voucher);
                return (
                  <li key={voucher}>
                    <a href={href({ page: 'member', address: voucher })}>{voucher}</a> with a bond of {money(v.bond)}
                    {v.slashed ? ' (slashed)' : v.released ? ' (released)' : ''}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
