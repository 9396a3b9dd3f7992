import { lazy, Suspense, useEffect, useState } from 'react';
import { AccountPicker } from './components/AccountPicker';
import { ChainProvider } from './components/ChainContext';
import { NetworkStatus } from './components/NetworkStatus';
import { NoticesLink } from './components/NoticesLink';
import { WalletButton } from './components/WalletButton';
import { WalletProvider } from './components/WalletContext';
import { href, parseRoute, type Route } from './lib/router';
import { NETWORK } from './network';
import { JoinPage } from './pages/JoinPage';
import { MemberDirectory } from './pages/MemberDirectory';
import { MemberPage } from './pages/MemberPage';
import { NoticesPage } from './pages/NoticesPage';
import { PortfolioPage } from './pages/PortfolioPage';
import { TokenPage } from './pages/TokenPage';

// Lazy: its code loads only when an issuer opens it (the initial bundle stays in budget).
const IssuerConsole = lazy(() => import('./pages/console/IssuerConsole'));
const DisputesPage = lazy(() => import('./pages/governance/DisputesPage'));
const DisputePage = lazy(() => import('./pages/governance/DisputePage'));
const ProposalsPage = lazy(() => import('./pages/governance/ProposalsPage'));
const ProposalPage = lazy(() => import('./pages/governance/ProposalPage'));
const NewProposalPage = lazy(() => import('./pages/governance/NewProposalPage'));

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'members':
      return <MemberDirectory />;
    case 'member':
      return <MemberPage address={route.address} />;
    case 'token':
      return <TokenPage address={route.address} />;
    case 'portfolio':
      return <PortfolioPage />;
    case 'join':
      return <JoinPage />;
    case 'console':
      return (
        <Suspense fallback={<p role="status">Loading the issuer console…</p>}>
          <IssuerConsole />
        </Suspense>
      );
    case 'notices':
      return <NoticesPage />;
    case 'disputes':
      return (
        <Suspense fallback={<p role="status">Loading the disputes…</p>}>
          <DisputesPage />
        </Suspense>
      );
    case 'dispute':
      return (
        <Suspense fallback={<p role="status">Loading the dispute…</p>}>
          <DisputePage id={route.id} />
        </Suspense>
      );
    case 'proposals':
      return (
        <Suspense fallback={<p role="status">Loading the proposals…</p>}>
          <ProposalsPage />
        </Suspense>
      );
    case 'new-proposal':
      return (
        <Suspense fallback={<p role="status">Loading the proposal form…</p>}>
          <NewProposalPage />
        </Suspense>
      );
    case 'proposal':
      return (
        <Suspense fallback={<p role="status">Loading the proposal…</p>}>
          <ProposalPage id={route.id} />
        </Suspense>
      );
    case 'not-found':
      return (
        <section aria-labelledby="nf-heading">
          <h1 id="nf-heading">Page not found</h1>
          <p>
            Nothing lives at “{route.path}”. <a href={href({ page: 'members' })}>Back to the members</a>.
          </p>
        </section>
      );
  }
}

export function App() {
  const route = useRoute();
  return (
    <ChainProvider network={NETWORK}>
      <WalletProvider>
        <header className="shell-header">
          <p className="brand">
            <a href={href({ page: 'members' })}>Personal Tokens</a>
          </p>
          <nav aria-label="Main">
            <ul>
              <li>
                <a href={href({ page: 'members' })} aria-current={route.page === 'members' ? 'page' : undefined}>
                  Members
                </a>
              </li>
              <li>
                <a href={href({ page: 'join' })} aria-current={route.page === 'join' ? 'page' : undefined}>
                  Join
                </a>
              </li>
              <li>
                <a href={href({ page: 'portfolio' })} aria-current={route.page === 'portfolio' ? 'page' : undefined}>
                  Portfolio
                </a>
              </li>
              <li>
                <a href={href({ page: 'disputes' })} aria-current={route.page === 'disputes' || route.page === 'dispute' ? 'page' : undefined}>
                  Disputes
                </a>
              </li>
              <li>
                <a href={href({ page: 'proposals' })} aria-current={route.page === 'proposals' || route.page === 'proposal' || route.page === 'new-proposal' ? 'page' : undefined}>
                  Proposals
                </a>
              </li>
              <li>
                <NoticesLink current={route.page === 'notices'} />
              </li>
              <li>
                <a href={href({ page: 'console' })} aria-current={route.page === 'console' ? 'page' : undefined}>
                  Issuer console
                </a>
              </li>
            </ul>
          </nav>
          <div className="wallet-area">
            <WalletButton />
            <AccountPicker />
          </div>
        </header>
        <NetworkStatus network={NETWORK.network} />
        <main>
          <Page route={route} />
        </main>
      </WalletProvider>
    </ChainProvider>
  );
}
