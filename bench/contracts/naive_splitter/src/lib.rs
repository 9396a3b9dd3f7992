//! Benchmark only: the payout splitter nobody should write. `distribute` credits every holder in
//! a loop, so its cost grows with the number of holders (and passes the block limit at some
//! point); `make bench` puts it beside the accumulator of `payout_splitter`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod naive_splitter {
    use ink::storage::Mapping;

    /// Holders by index, their balances and credits.
    #[ink(storage)]
    #[derive(Default)]
    pub struct NaiveSplitter {
        holders: Mapping<u32, (AccountId, Balance)>,
        count: u32,
        total: Balance,
        credit: Mapping<AccountId, Balance>,
    }

    impl NaiveSplitter {
        /// An empty splitter.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self::default()
        }

        /// Records a holder (benchmark setup; no access control).
        #[ink(message)]
        pub fn add_holder(&mut self, holder: AccountId, balance: Balance) {
            self.holders.insert(self.count, &(holder, balance));
            self.count = self.count.saturating_add(1);
            self.total = self.total.saturating_add(balance);
        }

        /// Credits every holder its share of the value sent: one storage write per holder.
        #[ink(message, payable)]
        pub fn distribute(&mut self) {
            let amount = self.env().transferred_value();
            for index in 0..self.count {
                if let Some((holder, balance)) = self.holders.get(index) {
                    let share = amount
                        .saturating_mul(balance)
                        .checked_div(self.total)
                        .unwrap_or_default();
                    let credit = self.credit.get(holder).unwrap_or_default();
                    self.credit.insert(holder, &credit.saturating_add(share));
                }
            }
        }

        /// Pays the caller his credit.
        #[ink(message)]
        pub fn claim(&mut self) -> Balance {
            let caller = self.env().caller();
            let credit = self.credit.take(caller).unwrap_or_default();
            if credit > 0 && self.env().transfer(caller, credit).is_err() {
                self.credit.insert(caller, &credit);
                return 0;
            }
            credit
        }
    }
}
