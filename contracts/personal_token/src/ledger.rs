//! Balances, allowances and locks of the personal token.
//!
//! Invariants (tested in `tests.rs`):
//! - the sum of all balances equals `total_supply`, which never changes after construction;
//! - `locked_of(a) <= balance_of(a)` for every account: locked tokens are part of the balance
//!   (they keep earning payouts) but cannot be moved except by the request or offering that
//!   locked them;
//! - zero balances, allowances and locks are removed from storage (storage deposit refunded);
//! - `funded_accounts` is the number of accounts with a positive balance, kept in the root
//!   cell and updated by every balance change (0 -> positive: +1, positive -> 0: -1), so
//!   counting costs no storage operation of its own.

use crate::events::{ApprovalRecord, TokenEvent, TransferRecord};
use crate::types::BalanceChange;
use ink::storage::{traits::StorageKey, Mapping};
use interfaces::{AccountId, Balance, PSP22Error, TokenError};

/// Balances, allowances and locks.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Ledger {
    total_supply: Balance,
    balances: Mapping<AccountId, Balance>,
    allowances: Mapping<(AccountId, AccountId), Balance>,
    locked: Mapping<AccountId, Balance>,
    /// Accounts with a positive balance (the issuer included while he holds any).
    funded_accounts: u32,
}

fn store<Key: StorageKey>(
    map: &mut Mapping<AccountId, Balance, Key>,
    account: AccountId,
    value: Balance,
) {
    if value == 0 {
        map.remove(account);
    } else {
        map.insert(account, &value);
    }
}

impl Ledger {
    /// A ledger with the whole `supply` held by `holder`, and the mint event.
    pub fn new(supply: Balance, holder: AccountId) -> (Ledger, TokenEvent) {
        let mut ledger = Ledger {
            total_supply: supply,
            funded_accounts: u32::from(supply > 0),
            ..Ledger::default()
        };
        store(&mut ledger.balances, holder, supply);
        let event = TokenEvent::Transfer(TransferRecord {
            from: None,
            to: Some(holder),
            value: supply,
        });
        (ledger, event)
    }

    /// Fixed total supply.
    pub fn total_supply(&self) -> Balance {
        self.total_supply
    }

    /// Balance of `owner`, locked part included.
    pub fn balance_of(&self, owner: AccountId) -> Balance {
        self.balances.get(owner).unwrap_or_default()
    }

    /// Accounts with a positive balance.
    pub fn funded_accounts(&self) -> u32 {
        self.funded_accounts
    }

    /// Part of `owner`'s balance locked in open requests or offerings.
    pub fn locked_of(&self, owner: AccountId) -> Balance {
        self.locked.get(owner).unwrap_or_default()
    }

    /// Part of `owner`'s balance free to move.
    pub fn unlocked_of(&self, owner: AccountId) -> Balance {
        self.balance_of(owner).saturating_sub(self.locked_of(owner))
    }

    /// Allowance of `spender` over `owner`'s tokens.
    pub fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
        self.allowances.get((owner, spender)).unwrap_or_default()
    }

    /// Locks `amount` of `owner`'s unlocked balance.
    ///
    /// # Errors
    /// `InsufficientUnlockedBalance` if less than `amount` is unlocked.
    pub fn lock(&mut self, owner: AccountId, amount: Balance) -> Result<(), TokenError> {
        if self.unlocked_of(owner) < amount {
            return Err(TokenError::InsufficientUnlockedBalance);
        }
        let locked = self
            .locked_of(owner)
            .checked_add(amount)
            .ok_or(TokenError::ArithmeticOverflow)?;
        store(&mut self.locked, owner, locked);
        Ok(())
    }

    /// Releases `amount` of `owner`'s lock.
    ///
    /// # Errors
    /// `ArithmeticOverflow` if less than `amount` is locked (a broken invariant: the caller's
    /// record of the lock disagrees with the ledger).
    pub fn unlock(&mut self, owner: AccountId, amount: Balance) -> Result<(), TokenError> {
        let locked = self
            .locked_of(owner)
            .checked_sub(amount)
            .ok_or(TokenError::ArithmeticOverflow)?;
        store(&mut self.locked, owner, locked);
        Ok(())
    }

    /// Moves `amount` of `from`'s balance to `to`, without looking at locks (the caller checked
    /// or released them). Returns the balances before the change for the splitter's hook.
    fn move_balance(
        &mut self,
        from: AccountId,
        to: AccountId,
        amount: Balance,
    ) -> Result<BalanceChange, TokenError> {
        let from_before = self.balance_of(from);
        let to_before = self.balance_of(to);
        let from_after = from_before
            .checked_sub(amount)
            .ok_or(TokenError::InsufficientUnlockedBalance)?;
        // The sum of balances is the fixed supply, so this cannot overflow; checked anyway.
        let to_after = to_before
            .checked_add(amount)
            .ok_or(TokenError::ArithmeticOverflow)?;
        store(&mut self.balances, from, from_after);
        store(&mut self.balances, to, to_after);
        if from_before > 0 && from_after == 0 {
            self.funded_accounts = self.funded_accounts.saturating_sub(1);
        }
        if to_before == 0 && to_after > 0 {
            self.funded_accounts = self.funded_accounts.saturating_add(1);
        }
        Ok(BalanceChange {
            from,
            from_before,
            to,
            to_before,
            amount,
        })
    }

    /// Moves `amount` of `from`'s unlocked balance to `to` (`from != to`, `amount > 0`).
    ///
    /// # Errors
    /// `InsufficientUnlockedBalance` if less than `amount` is unlocked.
    pub fn move_unlocked(
        &mut self,
        from: AccountId,
        to: AccountId,
        amount: Balance,
    ) -> Result<BalanceChange, TokenError> {
        if self.unlocked_of(from) < amount {
            return Err(TokenError::InsufficientUnlockedBalance);
        }
        self.move_balance(from, to, amount)
    }

    /// Releases `amount` of `from`'s lock and moves it to `to`: the execution of the request or
    /// offering that locked it.
    pub fn move_locked(
        &mut self,
        from: AccountId,
        to: AccountId,
        amount: Balance,
    ) -> Result<BalanceChange, TokenError> {
        self.unlock(from, amount)?;
        self.move_balance(from, to, amount)
    }

    /// Sets `spender`'s allowance over `owner`'s tokens (PSP22 `approve`).
    pub fn approve(
        &mut self,
        owner: AccountId,
        spender: AccountId,
        value: Balance,
    ) -> Option<TokenEvent> {
        if owner == spender {
            return None;
        }
        self.set_allowance(owner, spender, value);
        Some(approval(owner, spender, value))
    }

    /// PSP22 `increase_allowance`.
    pub fn increase_allowance(
        &mut self,
        owner: AccountId,
        spender: AccountId,
        delta: Balance,
    ) -> Option<TokenEvent> {
        if owner == spender || delta == 0 {
            return None;
        }
        let value = self.allowance(owner, spender).saturating_add(delta);
        self.set_allowance(owner, spender, value);
        Some(approval(owner, spender, value))
    }

    /// PSP22 `decrease_allowance`.
    ///
    /// # Errors
    /// `InsufficientAllowance` if `delta` exceeds the allowance.
    pub fn decrease_allowance(
        &mut self,
        owner: AccountId,
        spender: AccountId,
        delta: Balance,
    ) -> Result<Option<TokenEvent>, PSP22Error> {
        if owner == spender || delta == 0 {
            return Ok(None);
        }
        let value = self
            .allowance(owner, spender)
            .checked_sub(delta)
            .ok_or(PSP22Error::InsufficientAllowance)?;
        self.set_allowance(owner, spender, value);
        Ok(Some(approval(owner, spender, value)))
    }

    /// Spends `value` of `spender`'s allowance over `owner`'s tokens; returns the Approval event
    /// with the new allowance.
    ///
    /// # Errors
    /// `InsufficientAllowance` if `value` exceeds the allowance.
    pub fn spend_allowance(
        &mut self,
        owner: AccountId,
        spender: AccountId,
        value: Balance,
    ) -> Result<TokenEvent, PSP22Error> {
        let remaining = self
            .allowance(owner, spender)
            .checked_sub(value)
            .ok_or(PSP22Error::InsufficientAllowance)?;
        self.set_allowance(owner, spender, remaining);
        Ok(approval(owner, spender, remaining))
    }

    fn set_allowance(&mut self, owner: AccountId, spender: AccountId, value: Balance) {
        if value == 0 {
            self.allowances.remove((owner, spender));
        } else {
            self.allowances.insert((owner, spender), &value);
        }
    }
}

fn approval(owner: AccountId, spender: AccountId, amount: Balance) -> TokenEvent {
    TokenEvent::Approval(ApprovalRecord {
        owner,
        spender,
        amount,
    })
}

/// The PSP22 `Transfer` event of a balance change.
pub fn transfer_event(change: &BalanceChange) -> TokenEvent {
    TokenEvent::Transfer(TransferRecord {
        from: Some(change.from),
        to: Some(change.to),
        value: change.amount,
    })
}
