// A new proposal: one of the allowlisted calls, its arguments as a form built from the target's
// metadata (a parameter change starts from the current parameters), reviewed and dry-run before
// signing (lazy-loaded).
import { useCallback, useEffect, useId, useState } from 'react';
import { useChain, useMoney } from '../../components/ChainContext';
import { useSelectedAddress } from '../../components/WalletContext';
import { WriteDialog } from '../../components/WriteDialog';
import type { GovernanceParamsGovernanceParams } from '../../contracts/governance';
import { governanceErrorMessage } from '../../lib/errors';
import { ALLOWED_CALLS, callLines, linesText, durationText, encodeCall, valuesFrom, type AllowedCall, type CallForm, type FormValues, type MetadataLike } from '../../lib/proposalForm';
import { classRules } from '../../lib/proposals';
import { href } from '../../lib/router';
import { NETWORK } from '../../network';
import { writeAction } from '../console/action';
import type { Action } from '../token/loaded';
import { CallFields } from './CallFields';
import { formOf } from './proposalCall';
import { useGovernance } from './useGovernance';

interface Loaded {
  form: CallForm;
  metadata: MetadataLike;
  /** The current values, for a parameter change (its form starts from them). */
  current?: Record<string, unknown>;
}

export default function NewProposalPage() {
  const chain = useChain();
  const governance = useGovernance();
  const who = useSelectedAddress();
  const id = useId();
  const money = useMoney();
  const [callKey, setCallKey] = useState(ALLOWED_CALLS[0]?.key ?? '');
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState<string | undefined>(undefined);
  const [rules, setRules] = useState<GovernanceParamsGovernanceParams | undefined>(undefined);
  const [action, setAction] = useState<Action | undefined>(undefined);
  const [made, setMade] = useState<bigint | undefined>(undefined);
  const call = ALLOWED_CALLS.find((c) => c.key === callKey) as AllowedCall;
  const connected = chain.status === 'connected' ? chain : undefined;
  const registry = connected?.registry;
  const decimals = connected?.chain.decimals ?? 0;
  const symbol = connected?.chain.symbol ?? '';

  useEffect(() => {
    if (!governance || !registry) return;
    let alive = true;
    setLoaded(undefined);
    void (async () => {
      const [{ form, metadata }, governanceParams] = await Promise.all([formOf(call), governance.params()]);
      // A parameter change starts from the target's current parameters (governance's are read already).
      const currentParams = call.message !== 'set_params' ? undefined : call.target === 'governance' ? governanceParams : await registry.params();
      const current = currentParams ? { params: currentParams } : undefined;
      if (!alive) return;
      setRules(governanceParams);
      setLoaded({ form, metadata, current });
      setValues(current ? valuesFrom(form, current, { decimals }) : {});
      setErrors({});
    })();
    return () => {
      alive = false;
    };
  }, [call, governance, registry, decimals]);
  const describeError = useCallback((e: unknown) => governanceErrorMessage(e as never, { money }), [money]);

  if (!connected || !governance || !registry) return <p role="status">Connecting to governance…</p>;
  const ss58 = connected.chain.ss58Prefix;

  const review = async () => {
    if (!loaded || !who) return;
    const encoded = encodeCall(loaded.form, values, loaded.metadata, decimals);
    let target = call.target === 'governance' ? governance.address : NETWORK.ok ? NETWORK.registry : '';
    setTokenError(undefined);
    if (call.target === 'token') {
      // The app never trusts a token the registry does not confirm.
      const issuer = token.trim() === '' ? undefined : await registry.issuerOf(token.trim()).catch(() => undefined);
      if (!issuer) {
        setTokenError('not a token the registry launched');
        return;
      }
      target = token.trim();
    }
    if (!encoded.ok) {
      setErrors(encoded.errors);
      return;
    }
    setErrors({});
    const lines = callLines(loaded.form, encoded.args, { decimals, symbol, ss58 }, loaded.current);
    setAction(writeAction(governance.propose(target, encoded.selector, encoded.input), who, 'Make a proposal', `${call.title}: ${linesText(lines)}.${rules ? ` ${classRules(call.class, rules, durationText)}` : ''}`));
  };

  return (
    <section aria-labelledby="new-proposal-heading">
      <h1 id="new-proposal-heading">New proposal</h1>
      <p>
        A proposal makes one call that members approve by vote: only the calls below, each with its arguments as a form. Enforcement and remedies are never
        proposals: they follow dispute rulings only.
      </p>
      {!who && <p role="status">Connect a wallet and pick a member's account to propose.</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void review();
        }}
      >
        <p>
          <label htmlFor={`${id}-call`}>Call</label>{' '}
          <select
            id={`${id}-call`}
            value={callKey}
            onChange={(e) => {
              setCallKey(e.target.value);
              setMade(undefined);
            }}
          >
            {ALLOWED_CALLS.map((c) => (
              <option key={c.key} value={c.key}>
                {c.title}
              </option>
            ))}
          </select>
        </p>
        <p>{call.explain}</p>
        {rules && <p data-testid="class-rules">{classRules(call.class, rules, durationText)}</p>}
        {call.target === 'token' && (
          <p>
            <label htmlFor={`${id}-token`}>Token address</label> <input id={`${id}-token`} value={token} onChange={(e) => setToken(e.target.value)} aria-invalid={tokenError ? true : undefined} />
            {tokenError && <span className="error"> {tokenError}</span>}
          </p>
        )}
        {!loaded && <p role="status">Reading the form from the contract metadata…</p>}
        {loaded && <CallFields form={loaded.form} values={values} errors={errors} symbol={symbol} onChange={(k, v) => {
              setValues((old) => ({ ...old, [k]: v }));
              // A field's error stands until it is edited.
              setErrors(({ [k]: _edited, ...rest }) => rest);
            }}
          />}
        <button type="submit" disabled={!who || !loaded}>
          Review the proposal
        </button>
      </form>
      {made !== undefined && (
        <p role="status">
          Proposed: <a href={href({ page: 'proposal', id: made })}>proposal #{made.toString()}</a>.
        </p>
      )}
      {action && (
        <WriteDialog
          action={{ ...action, describeError }}
          onClose={() => setAction(undefined)}
          onDone={() => {
            void governance.proposals(1).then(([newest]) => {
              if (newest && who && newest.proposal.proposer.address(ss58) === who) setMade(newest.id);
            });
          }}
        />
      )}
    </section>
  );
}
