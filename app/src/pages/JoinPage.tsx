import { useCallback, useEffect, useId, useState } from 'react';
import { ApplicationFacts } from '../components/ApplicationFacts';
import { useChain, useMoney } from '../components/ChainContext';
import { useSelectedAddress } from '../components/WalletContext';
import { WriteDialog, type WriteAction } from '../components/WriteDialog';
import type { RegistryApplication, RegistryMemberInfo, RegistryRegistryParams } from '../contracts/registry';
import { registryErrorMessage } from '../lib/errors';
import { profileHash } from '../lib/join';
import { memberStatusText } from '../lib/members';
import { href } from '../lib/router';
import { formatDate } from './format';

interface Loaded {
  account: string;
  params: RegistryRegistryParams;
  member: RegistryMemberInfo | undefined;
  application: RegistryApplication | undefined;
  deadline: bigint | undefined;
}

/** Apply for membership with the application bond, or see and withdraw one's open application. */
export function JoinPage() {
  const chain = useChain();
  const money = useMoney();
  const who = useSelectedAddress();
  const [data, setData] = useState<Loaded | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [action, setAction] = useState<WriteAction | undefined>(undefined);
  const [reload, setReload] = useState(0);
  const registry = chain.status === 'connected' ? chain.registry : undefined;

  useEffect(() => {
    if (!registry || !who) return;
    let alive = true;
    (async () => {
      const [params, member, application, deadline] = await Promise.all([registry.params(), registry.member(who), registry.candidate(who), registry.vouchingDeadline(who)]);
      if (alive) setData({ account: who, params, member, application, deadline });
    })().catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [registry, who, reload]);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const describeError = useCallback((e: unknown) => registryErrorMessage(e as never, { money }), [money]);

  return (
    <section aria-labelledby="join-heading">
      <h1 id="join-heading">Join the registry</h1>
      <p>
        Apply with a bond; active members vouch for you with bonds of their own, and the vouch that reaches the required number admits you. You may withdraw your
        application, with your bond, any time before admission.
      </p>
      {!who && <p>Connect a wallet and pick an account to apply.</p>}
      {who && !registry && <p>The application form appears once the app is connected to the node.</p>}
      {error && (
        <p className="error" role="alert">
          Could not load the registry: {error}
        </p>
      )}
      {data && data.account === who && registry && (
        <>
          {data.member && (
            <p data-testid="join-state">
              This account is already a member ({memberStatusText(data.member.status, formatDate)}).{' '}
              <a href={href({ page: 'member', address: data.account })}>See its member page</a>.
            </p>
          )}
          {!data.member && data.application && (
            <div data-testid="join-state">
              <h2>Your application</h2>
              <ApplicationFacts application={data.application} vouchesRequired={data.params.vouchesRequired} deadline={data.deadline} />
              <p>
                <a href={href({ page: 'member', address: data.account })}>Your applicant page</a> (members vouch for you there).
              </p>
              <button
                type="button"
                onClick={() =>
                  setAction({
                    title: 'Withdraw your application',
                    summary: `Withdraw your application; your bond of ${money(data.application?.bond ?? 0n)} comes back.`,
                    dryRun: () => registry.dryRunWithdrawApplication(data.account),
                    tx: (gas) => registry.withdrawApplicationTx(gas),
                    describeError,
                  })
                }
              >
                Withdraw my application
              </button>
            </div>
          )}
          {!data.member && !data.application && (
            <ApplyForm
              bond={data.params.applicationBond}
              vouchesRequired={data.params.vouchesRequired}
              onReview={(hash) =>
                setAction({
                  title: 'Apply for membership',
                  summary: `Apply for membership with the profile hash ${hash}, paying the application bond of ${money(data.params.applicationBond)} (returned if you withdraw before admission). ${data.params.vouchesRequired} ${data.params.vouchesRequired === 1 ? 'vouch admits' : 'vouches admit'} you.`,
                  dryRun: () => registry.dryRunApply(data.account, hash, data.params.applicationBond),
                  tx: (gas) => registry.applyTx(hash, data.params.applicationBond, gas),
                  describeError,
                })
              }
            />
          )}
        </>
      )}
      {action && <WriteDialog action={action} onClose={() => setAction(undefined)} onDone={refresh} />}
    </section>
  );
}

/** The profile (text or file) whose hash is computed here, and the bond shown before signing. */
function ApplyForm({ bond, vouchesRequired, onReview }: { bond: bigint; vouchesRequired: number; onReview: (hash: `0x${string}`) => void }) {
  const money = useMoney();
  const id = useId();
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ name: string; hash: `0x${string}` } | undefined>(undefined);
  const hash = file?.hash ?? (text.trim() ? profileHash(text) : undefined);
  return (
    <form
      className="apply"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (hash) onReview(hash);
      }}
    >
      <h2 id={`${id}-h`}>Apply</h2>
      <p data-testid="application-bond">
        Application bond: {money(bond)}, sent with the application. {vouchesRequired} {vouchesRequired === 1 ? 'vouch is' : 'vouches are'} required.
      </p>
      <label htmlFor={`${id}-text`}>Your profile (only its hash goes on chain)</label>
      <textarea id={`${id}-text`} rows={4} value={text} disabled={file !== undefined} onChange={(e) => setText(e.target.value)} />
      <label htmlFor={`${id}-file`}>Or a profile file</label>
      <input
        id={`${id}-file`}
        type="file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (!f) return setFile(undefined);
          void f.arrayBuffer().then((b) => setFile({ name: f.name, hash: profileHash(new Uint8Array(b)) }));
        }}
      />
      <p data-testid="profile-hash">
        {hash ? (
          <>
            Profile hash (blake2-256{file ? ` of ${file.name}` : ''}): <span className="hash">{hash}</span>
          </>
        ) : (
          'Write your profile or choose a file to compute its hash.'
        )}
      </p>
      <button type="submit" disabled={!hash}>
        Review the application
      </button>
    </form>
  );
}
