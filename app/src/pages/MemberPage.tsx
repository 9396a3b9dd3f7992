import { AccountActivity } from './AccountActivity';
import { useCallback, useEffect, useState } from 'react';
import { ApplicationFacts } from '../components/ApplicationFacts';
import { useChain, useMoney } from '../components/ChainContext';
import { useSelectedAddress } from '../components/WalletContext';
import { WriteDialog, type WriteAction } from '../components/WriteDialog';
import type { RegistryApplication, RegistryApi, RegistryMemberInfo, RegistryRegistryParams, RegistryVouch } from '../contracts/registry';
import { registryErrorMessage } from '../lib/errors';
import { canOfferVouch, holdsVouch } from '../lib/join';
import { memberStatusText } from '../lib/members';
import { href } from '../lib/router';
import { formatDate } from './format';

interface Loaded {
  info: RegistryMemberInfo | undefined;
  vouches: RegistryVouch[];
  token: string | undefined;
  active: boolean;
  /** An open application, when `address` is a candidate. */
  application: RegistryApplication | undefined;
  deadline: bigint | undefined;
  params: RegistryRegistryParams;
  /** Whether the selected account is an active member (who may vouch). */
  viewerActive: boolean;
}

export function MemberPage({ address }: { address: string }) {
  const chain = useChain();
  const money = useMoney();
  const [data, setData] = useState<Loaded | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [action, setAction] = useState<WriteAction | undefined>(undefined);
  const [reload, setReload] = useState(0);
  const who = useSelectedAddress();
  const registry = chain.status === 'connected' ? chain.registry : undefined;

  useEffect(() => {
    if (!registry) return;
    let alive = true;
    (async () => {
      const [info, application, deadline, params, viewerActive] = await Promise.all([
        registry.member(address),
        registry.candidate(address),
        registry.vouchingDeadline(address),
        registry.params(),
        who ? registry.isActive(who) : Promise.resolve(false),
      ]);
      const [vouches, token, active] = info
        ? await Promise.all([registry.vouchers(address, info.voucherCount), registry.tokenOf(address), registry.isActive(address)])
        : [application ? await registry.vouchers(address, application.vouchCount) : [], undefined, false];
      if (alive) setData({ info, vouches, token, active, application, deadline, params, viewerActive });
    })().catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [registry, address, who, reload]);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const describeError = useCallback((e: unknown) => registryErrorMessage(e as never, { money }), [money]);

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
      {data && !data.info && !data.application && <p>This account was never admitted to the registry and has no open application.</p>}
      {data && !data.info && data.application && registry && (
        <>
          <h2>Open application</h2>
          <ApplicationFacts application={data.application} vouchesRequired={data.params.vouchesRequired} deadline={data.deadline} testId="application" />
          {canOfferVouch({
            viewer: who,
            viewerActive: data.viewerActive,
            candidate: address,
            vouches: data.vouches.map((v) => ({ ...v, voucher: registry.addr(v.voucher) })),
            deadline: data.deadline,
            nowMs: Date.now(),
          }) && (
            <button
              type="button"
              onClick={() =>
                setAction({
                  title: 'Vouch for this applicant',
                  summary: `Vouch for ${address}, staking the vouch bond of ${money(data.params.vouchBond)}. You can take it back if the application is withdrawn or expires, or once the vouch lock period has passed after admission; it is slashed if the member is expelled.`,
                  dryRun: () => registry.dryRunVouch(who ?? '', address, data.params.vouchBond),
                  tx: (gas) => registry.vouchTx(address, data.params.vouchBond, gas),
                  describeError,
                })
              }
            >
              Vouch for this applicant ({money(data.params.vouchBond)})
            </button>
          )}
        </>
      )}
      {data && registry && who && holdsVouch(data.vouches.map((v) => ({ ...v, voucher: registry.addr(v.voucher) })), who) && (
        <ReleaseVouch registry={registry} who={who} target={address} describeError={describeError} onAction={setAction} />
      )}
      {action && <WriteDialog action={action} onClose={() => setAction(undefined)} onDone={refresh} />}
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
      {data && (data.info || data.application) && <AccountActivity account={address} />}
    </section>
  );
}

/** The viewer's vouch bond on this member or candidate: the dry run says whether it can be released now, and why not. */
function ReleaseVouch({
  registry,
  who,
  target,
  describeError,
  onAction,
}: {
  registry: RegistryApi;
  who: string;
  target: string;
  describeError: (e: unknown) => string;
  onAction: (a: WriteAction) => void;
}) {
  return (
    <p>
      <button
        type="button"
        onClick={() =>
          onAction({
            title: 'Release your vouch',
            summary: `Take back your vouch bond on ${target}.`,
            dryRun: () => registry.dryRunReleaseVouch(who, target),
            tx: (gas) => registry.releaseVouchTx(target, gas),
            describeError,
          })
        }
      >
        Release my vouch
      </button>
    </p>
  );
}
