//! Placeholder: the service-claims pallet is being written.
#![cfg_attr(not(feature = "std"), no_std)]
