/// <reference types="node" />
// Explore (journey 1 of the list): the member directory searches every member, not
// only the page on screen: by token name or symbol (all pages read once), or by a whole
// address (one registry question); a member's page shows his status, his vouchers and token.

import { axe, expect, shot, test } from './fixtures';

test('explore: search the directory by symbol, by part of an address and by a whole address', async ({ page, chain, pageErrors }, info) => {
  void pageErrors;
  const registry = chain.registry();
  const total = (await registry.query.memberCount()).data;
  const bob = chain.address('Bob');
  const dave = chain.address('Dave');
  await page.goto(chain.state.appUrl + '/');
  await expect(page.getByTestId('directory-summary')).toHaveText(`${total} members ever admitted; ${Math.min(total, 20)} on this page.`, { timeout: 30_000 });

  const search = page.getByLabel('Search every member by token name, symbol or address');
  await search.fill('bob');
  await expect(page.getByTestId('directory-summary')).toHaveText(`1 of all ${total} members match.`, { timeout: 20_000 });
  await expect(page.getByRole('link', { name: '$BOB' })).toBeVisible();

  await search.fill(dave.slice(0, 12));
  await expect(page.getByTestId('directory-summary')).toHaveText(`1 of all ${total} members match.`, { timeout: 20_000 });

  await search.fill(bob);
  await expect(page.getByTestId('directory-summary')).toHaveText('The registry knows this account:', { timeout: 20_000 });
  await expect(page.getByRole('row')).toHaveCount(2); // the header and Bob
  await shot(page, info, 'directory-address-search');
  await axe(page, 'directory search');

  // A well-formed address the registry never admitted.
  const stranger = chain.keyring.addFromUri('//Explore//stranger').address;
  await search.fill(stranger);
  await expect(page.getByTestId('directory-summary')).toHaveText('The registry has never admitted this account.', { timeout: 20_000 });
  expect((await registry.query.member(stranger)).data).toBeUndefined();

  // Bob's page: his status and token.
  await search.fill(bob);
  await page.getByRole('link', { name: bob.slice(0, 6), exact: false }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Member', { timeout: 20_000 });
  await expect(page.getByText('Active').first()).toBeVisible();
  await expect(page.getByRole('link', { name: (await chain.bobToken()).address })).toBeVisible();
  await shot(page, info, 'member-page');
  await axe(page, 'member page');
});
