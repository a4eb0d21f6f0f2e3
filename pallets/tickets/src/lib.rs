//! Placeholder: the tickets pallet is being written.
#![cfg_attr(not(feature = "std"), no_std)]
