//! The methods of a provider's ledger ([`ProviderLedger`]).

use crate::pallet::{BalanceOf, Config, ProviderLedger};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> ProviderLedger<T> {
	/// Active plus unlocking stake: what is on hold.
	pub fn total(&self) -> BalanceOf<T> {
		self.unlocking.iter().fold(self.active, |acc, c| acc.saturating_add(c.value))
	}

	/// Nothing bonded any more.
	pub fn is_empty(&self) -> bool {
		self.active.is_zero() && self.unlocking.is_empty()
	}
}
