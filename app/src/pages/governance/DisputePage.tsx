// One dispute as a timeline, with what the connected member can do in it (lazy-loaded).
import { useCallback, useEffect, useState } from 'react';
import { useContractEvents, useEachBlock, useMoney } from '../../components/ChainContext';
import { FileHashField } from '../../components/FileHashField';
import { useSelectedAddress } from '../../components/WalletContext';
import { WriteDialog } from '../../components/WriteDialog';
import type { DisputeView } from '../../contracts/governance';
import { currentRound, disputeTimeline, phaseText, remedyText } from '../../lib/disputes';
import { governanceErrorMessage } from '../../lib/errors';
import { countdown } from '../../lib/offering';
import { href } from '../../lib/router';
import { writeAction } from '../console/action';
import { formatDate } from '../format';
import { useNow, type Action } from '../token/loaded';
import { JurorBallot } from './JurorBallot';
import { useGovernance } from './useGovernance';

export default function DisputePage({ id }: { id: bigint }) {
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
  const round = currentRound(view.phase) ?? (d.appeal ? 2 : 1);
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
      <ol className="timeline" data-testid="timeline">
        {disputeTimeline(d, view.phase).map((s) => (
          <li key={s.key} data-state={s.state} aria-current={s.state === 'now' ? 'step' : undefined}>
            <strong>{s.label}</strong>
            {s.ends !== undefined && (
              <>
                {' '}
                {s.key === 'opened' ? formatDate(s.ends) : `until ${formatDate(s.ends)}${s.state === 'now' ? ` (${countdown(s.ends, now)})` : ''}`}
              </>
            )}
            {s.state === 'done' ? ' ✓' : ''}
          </li>
        ))}
      </ol>
      {action && <WriteDialog action={{ ...action, describeError }} onClose={() => setAction(undefined)} onDone={refresh} />}
      {who && party && view.phase.type !== 'Final' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (evidence) setAction(writeAction(governance.submitEvidence(id, evidence), who, 'Submit evidence', `Record the hash ${evidence} of your evidence file on dispute #${id}.`));
          }}
        >
          <h2>Your evidence</h2>
          <FileHashField label="Evidence file" onHash={setEvidence} />
          <button type="submit" disabled={!evidence}>
            Review the evidence
          </button>
        </form>
      )}
      {who && !party && view.phase.type !== 'Final' && (
        <>
          <h2>Your vote</h2>
          <p>The contract decides at commit whether you may judge (parties, the accused's vouchers and the holders of his token may not): the review says why if not.</p>
          <JurorBallot view={view} governance={governance} who={who} round={round} onAction={setAction} />
        </>
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
