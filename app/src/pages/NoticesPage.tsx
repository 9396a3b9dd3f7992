import { useState } from 'react';
import { useSelectedAddress } from '../components/WalletContext';
import { useNotices } from '../components/useNotices';
import { loadSeen, markSeen, unseen } from '../lib/notices';
import { formatDate } from './format';

/** The connected account's notices, the new ones marked, with "mark all as seen". */
export function NoticesPage() {
  const who = useSelectedAddress();
  const notices = useNotices(who);
  const [seenVersion, setSeenVersion] = useState(0);
  void seenVersion;
  if (!who) return <Section>Connect a wallet and pick an account to see its notices.</Section>;
  if (!notices) return <Section>Reading the chain for your notices…</Section>;
  const fresh = new Set(unseen(notices, loadSeen(window.localStorage, who)).map((n) => n.key));
  return (
    <Section>
      {notices.length === 0 ? (
        <p>Nothing concerns this account yet.</p>
      ) : (
        <>
          <p data-testid="notices-summary">
            {fresh.size} new of {notices.length}.{' '}
            <button
              type="button"
              disabled={fresh.size === 0}
              onClick={() => {
                markSeen(window.localStorage, who, notices);
                setSeenVersion((n) => n + 1);
                window.dispatchEvent(new Event('pt-notices-seen'));
              }}
            >
              Mark all as seen
            </button>
          </p>
          <ul className="notices" data-testid="notices">
            {notices.map((n) => (
              <li key={n.key} data-new={fresh.has(n.key) ? 'true' : 'false'}>
                {fresh.has(n.key) && <strong>New: </strong>}
                <a href={n.href}>{n.text}</a> <span className="muted">({formatDate(n.at)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function Section({ children }: { children: React.ReactNode }) {
  return (
    <section aria-labelledby="notices-heading">
      <h1 id="notices-heading">Notices</h1>
      {typeof children === 'string' ? <p>{children}</p> : children}
    </section>
  );
}
