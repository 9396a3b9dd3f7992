import { useEffect, useMemo, useState } from 'react';
import { useActivity } from '../activity/useActivity';
import { noticesFor, type Notice } from '../lib/notices';
import { voterStanding } from '../lib/proposals';
import { formatDate } from '../pages/format';
import { useChain, useMoney } from './ChainContext';
import { suiteContracts, useSuite } from './useSuite';

/** The notices for `who`, newest first (undefined while reading). */
export function useNotices(who: string | undefined): Notice[] | undefined {
  const chain = useChain();
  const money = useMoney();
  const suite = useSuite();
  const watched = useMemo(() => (suite && who ? suiteContracts(suite) : []), [suite, who]);
  const { events } = useActivity(watched);
  const [revealBy, setRevealBy] = useState<Map<bigint, bigint> | undefined>(undefined);
  // The reveal deadline of every dispute this account committed a vote in, while it can still be revealed.
  useEffect(() => {
    if (!suite || !events || !who || chain.status !== 'connected') return;
    let alive = true;
    const ids = [
      ...new Set(
        events
          .filter((e) => e.contract === suite.governance.address && e.name === 'VoteCommitted' && suite.governance.addr(e.data.juror as never) === who)
          .map((e) => e.data.dispute as bigint),
      ),
    ];
    void Promise.all(ids.map((id) => suite.governance.dispute(id))).then((views) => {
      const out = new Map<bigint, bigint>();
      for (const v of views) {
        if (!v || (v.phase.type !== 'Commit' && v.phase.type !== 'Reveal')) continue;
        const round = v.phase.value;
        out.set(v.id, round === 2 && v.dispute.appeal ? v.dispute.appeal.revealEnds : round === 3 ? v.dispute.rerunRevealEnds : v.dispute.revealEnds);
      }
      if (alive) setRevealBy(out);
    });
    return () => {
      alive = false;
    };
  }, [suite, events, who, chain]);
  const registry = chain.status === 'connected' ? chain.registry : undefined;
  const [voteBy, setVoteBy] = useState<Map<bigint, bigint> | undefined>(undefined);
  // The voting end of every proposal still voting that this account may vote on and has not.
  useEffect(() => {
    if (!suite || !events || !who || !registry) return;
    let alive = true;
    const ids = events.filter((e) => e.contract === suite.governance.address && e.name === 'ProposalCreated').map((e) => e.data.proposal as bigint);
    void (async () => {
      const rightsSince = await registry.rightsSince(who);
      const out = new Map<bigint, bigint>();
      for (const id of ids) {
        const v = await suite.governance.proposal(id);
        if (!v || v.state.type !== 'Active' || voterStanding(rightsSince, v.proposal.createdAt).may === false) continue;
        if ((await suite.governance.ballotOf(id, who)) === undefined) out.set(id, v.proposal.votingEnds);
      }
      if (alive) setVoteBy(out);
    })();
    return () => {
      alive = false;
    };
  }, [suite, events, who, registry]);
  return useMemo(() => {
    if (!suite || !events || !who || !revealBy || !voteBy) return undefined;
    return noticesFor(events, {
      account: who,
      addr: (a) => suite.governance.addr(a),
      tokens: suite.tokens,
      governance: suite.governance.address,
      money,
      date: formatDate,
      revealBy: (d) => revealBy.get(d),
      voteBy: (p) => voteBy.get(p),
    });
  }, [suite, events, who, revealBy, voteBy, money]);
}
