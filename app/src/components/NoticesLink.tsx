import { useEffect, useState } from 'react';
import { loadSeen, unseen } from '../lib/notices';
import { href } from '../lib/router';
import { useNotices } from './useNotices';
import { useSelectedAddress } from './WalletContext';

/** "Notices (2 new)" in the header, for the connected account. */
export function NoticesLink({ current }: { current: boolean }) {
  const who = useSelectedAddress();
  const notices = useNotices(who);
  const [, setTick] = useState(0);
  useEffect(() => {
    const on = () => setTick((n) => n + 1);
    window.addEventListener('pt-notices-seen', on);
    return () => window.removeEventListener('pt-notices-seen', on);
  }, []);
  const count = who && notices ? unseen(notices, loadSeen(window.localStorage, who)).length : 0;
  return (
    <a href={href({ page: 'notices' })} aria-current={current ? 'page' : undefined} data-testid="notices-link">
      Notices{count > 0 ? ` (${count} new)` : ''}
    </a>
  );
}
