// A tiny hash router: #/members, #/join, #/member/<address>, #/token/<address>, #/portfolio,
// #/console, #/disputes, #/dispute/<id>, #/notices, #/proposals, #/proposals/new, #/proposal/<id>.

export type Route =
  | { page: 'members' }
  | { page: 'member'; address: string }
  | { page: 'token'; address: string }
  | { page: 'portfolio' }
  | { page: 'join' }
  | { page: 'console' }
  | { page: 'disputes' }
  | { page: 'notices' }
  | { page: 'dispute'; id: bigint }
  | { page: 'proposals' }
  | { page: 'new-proposal' }
  | { page: 'proposal'; id: bigint }
  | { page: 'not-found'; path: string };

const ADDRESS = /^[1-9A-HJ-NP-Za-km-z]{40,60}$|^0x[0-9a-fA-F]{64}$/;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+|\/+$/g, '');
  if (path === '' || path === 'members') return { page: 'members' };
  if (path === 'portfolio') return { page: 'portfolio' };
  if (path === 'join') return { page: 'join' };
  if (path === 'console') return { page: 'console' };
  if (path === 'disputes') return { page: 'disputes' };
  if (path === 'notices') return { page: 'notices' };
  if (path === 'proposals') return { page: 'proposals' };
  if (path === 'proposals/new') return { page: 'new-proposal' };
  const [head, arg, ...rest] = path.split('/');
  if (rest.length === 0 && head === 'dispute' && arg && /^\d{1,19}$/.test(arg)) return { page: 'dispute', id: BigInt(arg) };
  if (rest.length === 0 && head === 'proposal' && arg && /^\d{1,10}$/.test(arg)) return { page: 'proposal', id: BigInt(arg) };
  if (rest.length === 0 && arg && ADDRESS.test(arg)) {
    if (head === 'member') return { page: 'member', address: arg };
    if (head === 'token') return { page: 'token', address: arg };
  }
  return { page: 'not-found', path };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'members':
      return '#/members';
    case 'portfolio':
      return '#/portfolio';
    case 'join':
      return '#/join';
    case 'console':
      return '#/console';
    case 'disputes':
      return '#/disputes';
    case 'notices':
      return '#/notices';
    case 'dispute':
      return `#/dispute/${route.id}`;
    case 'proposals':
      return '#/proposals';
    case 'new-proposal':
      return '#/proposals/new';
    case 'proposal':
      return `#/proposal/${route.id}`;
    case 'member':
      return `#/member/${route.address}`;
    case 'token':
      return `#/token/${route.address}`;
    case 'not-found':
      return `#/${route.path}`;
  }
}
