// One dispute as a timeline, with what the connected member can do in it (lazy-loaded).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useChain, useContractEvents, useEachBlock, useMoney } from '../../components/ChainContext';
import { FileHashField } from '../../components/FileHashField';
import { Timeline } from '../../components/Timeline';
import { useSelectedAddress } from '../../components/WalletContext';
import { WriteDialog } from '../../components/WriteDialog';
import type { DisputeView } from '../../contracts/governance';
import { appellant, currentRound, disputeTimeline, jurorEligibility, phaseText, remedyText, type JurorEligibility } from '../../lib/disputes';
import { governanceErrorMessage } from '../../lib/errors';
import { href } from '../../lib/router';
import { writeAction } from '../console/action';
import { useNow, type Action } from '../token/loaded';
import { JurorBallot } from './JurorBallot';
import { readJurorFacts } from './jurorFacts';
import { useGovernance } from './useGovernance';

export default function DisputePage({ id }: { id: bigint }) {
  const chain = useChain();
  const governance = useGovernance();
  const money = useMoney();
  const now = useNow();
  const who = useSelectedAddress();
  const [view, setView] = useState<DisputeView | null | undefined>(undefined);
  const [action, setAction] = useState<Action | undefined>(undefined);
  const [evidence, setEvidence] = useState<`0x${string}` | undefined>(undefined);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    if (!governance) return;
    let alive = true;
    void governance.dispute(id).then((v) => alive && setView(v ?? null));
    return () => {
      alive = false;
    };
  }, [governance, id, reload]);
  const [eligibility, setEligibility] = useState<JurorEligibility | undefined>(undefined);
  const [reward, setReward] = useState<bigint>(0n);
  const registry = chain.status === 'connected' ? chain.registry : undefined;
  // Before and during the commit: whether the connected member may judge, and why not.
  const judging = view ? view.phase.type === 'Evidence' || view.phase.type === 'Commit' : false;
  const round = view ? (currentRound(view.phase) ?? (view.dispute.appeal ? 2 : 1)) : 1;
  // Read once per dispute, round and account (not on every block the page re-reads).
  const factsKey = view && who && judging ? `${view.id}/${round}/${who}` : undefined;
  const viewRef = useRef(view);
  viewRef.current = view;
  useEffect(() => {
    setEligibility(undefined);
    const v = viewRef.current;
    if (!governance || !registry || !v || !who || !factsKey || chain.status !== 'connected') return;
    let alive = true;
    void readJurorFacts(v, who, round, { client: chain.client, governance, registry, ss58: chain.chain.ss58Prefix }).then((f) => alive && setEligibility(jurorEligibility(f)));
    return () => {
      alive = false;
    };
  }, [governance, registry, factsKey, chain.status]);
  // After the execution: the juror reward (a share of the forfeited deposits) he may claim.
  const executed = view?.dispute.executed ?? false;
  useEffect(() => {
    setReward(0n);
    if (!governance || !who || !executed) return;
    let alive = true;
    void governance.claimableReward(id, who).then((r) => alive && setReward(r));
    return () => {
      alive = false;
    };
  }, [governance, id, who, executed, reload]);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  useContractEvents(governance ? [governance.address] : [], refresh);
  // The phase follows the chain's time: until the ruling is executed, every block re-reads it.
  useEachBlock(view !== null && view !== undefined && !view.dispute.executed, refresh);
  const describeError = useCallback((e: unknown) => governanceErrorMessage(e as never, { money }), [money]);

  if (!governance || view === undefined) return <p role="status">Loading dispute #{id.toString()}…</p>;
  if (view === null) return <p>There is no dispute #{id.toString()}.</p>;
  const d = view.dispute;
  const claimant = governance.addr(d.claimant);
  const accused = governance.addr(d.accused);
  const party = who === claimant || who === accused;
  const side = appellant(view.phase, view.ruling, d.appeal !== undefined);
  const mayAppeal = who !== undefined && ((side === 'accused' && who === accused) || (side === 'claimant' && who === claimant));
  return (
    <section aria-labelledby="dispute-heading">
      <h1 id="dispute-heading">Dispute #{id.toString()}</h1>
      <p data-testid="dispute-phase">{phaseText(view.phase, view.ruling, d.executed)}</p>
      <dl>
        <dt>Claimant</dt>
        <dd>
          <a href={href({ page: 'member', address: claimant })}>{claimant}</a>
        </dd>
        <dt>Accused</dt>
        <dd>
          <a href={href({ page: 'member', address: accused })}>{accused}</a>
        </dd>
        <dt>Accusation</dt>
        <dd>{d.kind}</dd>
        <dt>Remedy asked</dt>
        <dd>{remedyText(d.remedy)}</dd>
        <dt>Evidence</dt>
        <dd className="hash">{d.evidenceHash}</dd>
        <dt>Jurors</dt>
        <dd>
          {d.eligibleSnapshot} eligible; {d.quorum} revealed votes needed; juror deposit {money(d.jurorDeposit)}
        </dd>
        <dt>Votes (round 1)</dt>
        <dd data-testid="tally-1">
          {d.firstRound.committed} committed, {d.firstRound.yes} uphold, {d.firstRound.no} dismiss
        </dd>
      </dl>
      <h2>Timeline</h2>
      <Timeline steps={disputeTimeline(d, view.phase)} now={now} testId="timeline" />
      {action && <WriteDialog action={{ ...action, describeError }} onClose={() => setAction(undefined)} onDone={refresh} />}
      {who && party && view.phase.type !== 'Final' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (evidence) setAction(writeAction(governance.submitEvidence(id, evidence), who, 'Submit evidence', `Record the hash ${evidence} of your evidence file on dispute #${id}.`));
          }}
        >
          <h2>Your evidence</h2>
          <p>You are a party to this dispute: parties give evidence and do not judge it.</p>
          <FileHashField label="Evidence file" onHash={setEvidence} />
          <button type="submit" disabled={!evidence}>
            Review the evidence
          </button>
        </form>
      )}
      {who && !party && view.phase.type !== 'Final' && (
        <>
          <h2>Your vote</h2>
          {judging && (
            <p data-testid="juror-eligibility" className={eligibility && !eligibility.eligible ? 'error' : undefined}>
              {eligibility ? eligibility.text : 'Checking whether you may judge…'} The contract decides at commit; its dry run is the final word.
            </p>
          )}
          <JurorBallot view={view} governance={governance} who={who} round={round} eligible={eligibility?.eligible !== false} onAction={setAction} />
        </>
      )}
      {who && mayAppeal && (
        <button
          type="button"
          onClick={() =>
            setAction(
              writeAction(
                governance.appeal(id, d.appealBond),
                who,
                `Appeal dispute #${id}`,
                `Appeal the first instance's ruling (${view.ruling ?? ''}) with the appeal bond of ${money(d.appealBond)}: a second round of jurors (commit, then reveal) decides, with a larger quorum. The bond goes to the other side if the appeal fails.`,
              ),
            )
          }
        >
          Appeal the ruling
        </button>
      )}
      {who && reward > 0n && (
        <button type="button" onClick={() => setAction(writeAction(governance.claimJurorReward(id), who, `Claim your juror reward of dispute #${id}`, `Claim ${money(reward)}: your share of the deposits forfeited by jurors who did not reveal.`))}>
          Claim my juror reward ({money(reward)})
        </button>
      )}
      {who && view.phase.type === 'Final' && !d.executed && (
        <button
          type="button"
          onClick={() => setAction(writeAction(governance.executeRuling(id), who, `Execute the ruling of dispute #${id}`, `Execute the final ruling (${view.ruling ?? 'no ruling'}): the case closes, the remedy applies if upheld, and bonds and deposits are settled.`))}
        >
          Execute the ruling
        </button>
      )}
    </section>
  );
}
