import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router';

const A = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('parseRoute', () => {
  it('parses each page and round-trips with href', () => {
    for (const r of [{ page: 'members' }, { page: 'portfolio' }, { page: 'join' }, { page: 'console' }, { page: 'disputes' }, { page: 'notices' }, { page: 'dispute', id: 12n }, { page: 'proposals' }, { page: 'new-proposal' }, { page: 'proposal', id: 3n }, { page: 'member', address: A }, { page: 'token', address: A }] as const) {
      expect(parseRoute(href(r))).toEqual(r);
    }
    expect(parseRoute('')).toEqual({ page: 'members' });
    expect(parseRoute('#/')).toEqual({ page: 'members' });
  });
  it('refuses unknown paths and bad addresses', () => {
    expect(parseRoute('#/member/xyz')).toEqual({ page: 'not-found', path: 'member/xyz' });
    expect(parseRoute('#/token/' + A + '/more').page).toBe('not-found');
    expect(parseRoute('#/nope').page).toBe('not-found');
    expect(parseRoute('#/dispute/-1').page).toBe('not-found');
    expect(parseRoute('#/dispute/1x').page).toBe('not-found');
    expect(parseRoute('#/proposal/new').page).toBe('not-found');
  });
});
