// One proposal: its call in words (a parameter change as its differences from the current
// parameters), its timeline with the timelock's end, the tally, and what the connected member
// may do now (lazy-loaded).
import { useCallback, useEffect, useState } from 'react';
import { useChain, useContractEvents, useEachBlock, useMoney } from '../../components/ChainContext';
import { Timeline } from '../../components/Timeline';
import { useSelectedAddress } from '../../components/WalletContext';
import { WriteDialog } from '../../components/WriteDialog';
import type { ProposalView } from '../../contracts/governance';
import { governanceErrorMessage } from '../../lib/errors';
import { callLines, linesText, targetKind } from '../../lib/proposalForm';
import { proposalActions, proposalStateText, proposalTimeline, tallyText, voterStanding } from '../../lib/proposals';
import { href } from '../../lib/router';
import { NETWORK } from '../../network';
import { writeAction } from '../console/action';
import { useNow, type Action } from '../token/loaded';
import { describeCall, type DescribedCall } from './proposalCall';
import { useGovernance } from './useGovernance';

interface Read {
  view: ProposalView;
  described: DescribedCall | undefined;
  /** The target's current parameters, for a parameter change that is not executed. */
  current: Record<string, unknown> | undefined;
  /** The connected member's vote and when his rights began. */
  ballot: boolean | undefined;
  rightsSince: bigint | undefined;
}

const TARGET_NAME = { governance: 'Governance', registry: 'The registry', token: 'A token of the registry' } as const;

const ENDED = ['Executed', 'Defeated', 'Cancelled', 'Vetoed', 'Expired'];

export default function ProposalPage({ id }: { id: bigint }) {
  const chain = useChain();
  const governance = useGovernance();
  const money = useMoney();
  const now = useNow();
  const who = useSelectedAddress();
  const [read, setRead] = useState<Read | null | undefined>(undefined);
  const [action, setAction] = useState<Action | undefined>(undefined);
  const [reload, setReload] = useState(0);
  const connected = chain.status === 'connected' ? chain : undefined;
  const registry = connected?.registry;
  const ss58 = connected?.chain.ss58Prefix ?? 42;
  useEffect(() => {
    if (!governance || !registry || !NETWORK.ok) return;
    const addresses = { governance: governance.address, registry: NETWORK.registry };
    let alive = true;
    void (async () => {
      const view = await governance.proposal(id);
      if (!view) return alive && setRead(null);
      const described = await describeCall(view, addresses, ss58);
      const pending = !ENDED.includes(view.state.type);
      const params =
        described?.call.message === 'set_params' && pending ? (described.call.target === 'governance' ? await governance.params() : await registry.params()) : undefined;
      const [ballot, rightsSince] = who ? await Promise.all([governance.ballotOf(id, who), registry.rightsSince(who)]) : [undefined, undefined];
      if (alive) setRead({ view, described, current: params ? { params } : undefined, ballot, rightsSince });
    })();
    return () => {
      alive = false;
    };
  }, [governance, registry, id, who, reload, ss58]);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  useContractEvents(governance ? [governance.address] : [], refresh);
  // The state follows the chain's time: until the proposal ends, every block re-reads it.
  useEachBlock(read !== null && read !== undefined && !ENDED.includes(read.view.state.type), refresh);
  const describeError = useCallback((e: unknown) => governanceErrorMessage(e as never, { money }), [money]);

  if (!connected || !governance || read === undefined) return <p role="status">Loading proposal #{id.toString()}…</p>;
  if (read === null) return <p>There is no proposal #{id.toString()}.</p>;
  const { view, described } = read;
  const p = view.proposal;
  const fmt = { decimals: connected.chain.decimals, symbol: connected.chain.symbol, ss58 };
  const proposer = p.proposer.address(ss58);
  const lines = described ? callLines(described.form, described.args, fmt, read.current) : [];
  const standing = voterStanding(read.rightsSince, p.createdAt);
  const actions = who ? proposalActions(view.state, { isProposer: who === proposer, ballot: read.ballot }) : [];
  const act = (a: Action) => setAction(a);
  return (
    <section aria-labelledby="proposal-heading">
      <h1 id="proposal-heading">
        Proposal #{id.toString()}: {described?.call.title ?? 'a call the app cannot read'}
      </h1>
      <p data-testid="proposal-state">{proposalStateText(view.state)}</p>
      <dl>
        <dt>Proposer</dt>
        <dd>
          <a href={href({ page: 'member', address: proposer })}>{proposer}</a>
        </dd>
        <dt>Target</dt>
        <dd>
          {TARGET_NAME[targetKind(p.target.address(ss58), { governance: governance.address, registry: NETWORK.ok ? NETWORK.registry : '' })]} ({p.target.address(ss58)})
        </dd>
        <dt>Class</dt>
        <dd>{p.class === 'Constitutional' ? 'Constitutional (parameters, code): a supermajority and the long timelock' : 'Ordinary (a payment)'}</dd>
        <dt>Votes</dt>
        <dd data-testid="proposal-tally">{tallyText(p)}</dd>
        {p.vetoes > 0 && (
          <>
            <dt>Vetoes</dt>
            <dd>
              {p.vetoes} of the {p.vetoQuorum} that stop it
            </dd>
          </>
        )}
      </dl>
      <h2>{read.current ? 'What it changes' : 'What it calls'}</h2>
      {described ? (
        <ul data-testid="proposal-call">
          {lines.length === 0 && <li>Nothing: the values are the current ones.</li>}
          {lines.map((l) => (
            <li key={l.label}>
              {l.label}: {l.text}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Selector {p.selector}, input {p.input}
        </p>
      )}
      <h2>Timeline</h2>
      <Timeline steps={proposalTimeline(p, view.state)} now={now} testId="proposal-timeline" />
      {who && view.state.type === 'Active' && read.ballot !== undefined && <p>You voted {read.ballot ? 'for' : 'against'} it.</p>}
      {who && (actions.includes('vote') || actions.includes('veto')) && !standing.may && <p>{standing.text}</p>}
      <p className="actions">
        {actions.includes('vote') && standing.may && (
          <>
            <button type="button" onClick={() => act(writeAction(governance.vote(id, true), who ?? '', `Vote for proposal #${id}`, `Vote for: ${described?.call.title ?? 'this proposal'}. A vote cannot be changed.`))}>
              Vote for
            </button>{' '}
            <button type="button" onClick={() => act(writeAction(governance.vote(id, false), who ?? '', `Vote against proposal #${id}`, `Vote against: ${described?.call.title ?? 'this proposal'}. A vote cannot be changed.`))}>
              Vote against
            </button>{' '}
          </>
        )}
        {actions.includes('veto') && standing.may && (
          <button type="button" onClick={() => act(writeAction(governance.veto(id), who ?? '', `Veto proposal #${id}`, `Veto it during its timelock: ${p.vetoQuorum} vetoes stop it for good.`))}>
            Veto
          </button>
        )}{' '}
        {actions.includes('execute') && (
          <button type="button" onClick={() => act(writeAction(governance.execute(id), who ?? '', `Execute proposal #${id}`, `Make the call now: ${described?.call.title ?? 'the proposal'} (${linesText(lines)}).`))}>
            Execute
          </button>
        )}{' '}
        {actions.includes('cancel') && (
          <button type="button" onClick={() => act(writeAction(governance.cancel(id), who ?? '', `Cancel proposal #${id}`, 'Withdraw your proposal: it can never be executed.'))}>
            Cancel my proposal
          </button>
        )}
      </p>
      {action && <WriteDialog action={{ ...action, describeError }} onClose={() => setAction(undefined)} onDone={refresh} />}
    </section>
  );
}
