//! Benchmark only: the reference PSP22 token of Cardinal-Cryptography's `psp22` 2.0 crate
//! (its example contract over `PSP22Data`), built in this workspace so that `make bench`
//! compares a plain PSP22 transfer with the personal token's restricted one in the same run.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod reference_psp22 {
    use ink::prelude::vec::Vec;
    use psp22::{PSP22Data, PSP22Error, PSP22Event, PSP22};

    /// A plain PSP22 token.
    #[ink(storage)]
    pub struct ReferencePsp22 {
        data: PSP22Data,
    }

    impl ReferencePsp22 {
        /// Mints `supply` to the caller.
        #[ink(constructor)]
        pub fn new(supply: Balance) -> Self {
            let (data, events) = PSP22Data::new(supply, Self::env().caller());
            let contract = Self { data };
            contract.emit_events(events);
            contract
        }

        fn emit_events(&self, events: Vec<PSP22Event>) {
            for event in events {
                match event {
                    PSP22Event::Transfer(e) => self.env().emit_event(e),
                    PSP22Event::Approval(e) => self.env().emit_event(e),
                }
            }
        }
    }

    impl PSP22 for ReferencePsp22 {
        #[ink(message)]
        fn total_supply(&self) -> Balance {
            self.data.total_supply()
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> Balance {
            self.data.balance_of(owner)
        }

        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
            self.data.allowance(owner, spender)
        }

        #[ink(message)]
        fn transfer(
            &mut self,
            to: AccountId,
            value: Balance,
            _data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let events = self.data.transfer(self.env().caller(), to, value)?;
            self.emit_events(events);
            Ok(())
        }

        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: Balance,
            _data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let events = self
                .data
                .transfer_from(self.env().caller(), from, to, value)?;
            self.emit_events(events);
            Ok(())
        }

        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: Balance) -> Result<(), PSP22Error> {
            let events = self.data.approve(self.env().caller(), spender, value)?;
            self.emit_events(events);
            Ok(())
        }

        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            let events = self
                .data
                .increase_allowance(self.env().caller(), spender, delta_value)?;
            self.emit_events(events);
            Ok(())
        }

        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            let events = self
                .data
                .decrease_allowance(self.env().caller(), spender, delta_value)?;
            self.emit_events(events);
            Ok(())
        }
    }
}
