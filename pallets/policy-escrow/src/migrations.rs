//! Storage migrations of the policy-escrow pallet.
//!
//! The pallet's storage version ([`crate::STORAGE_VERSION`]) names its
//! layout. A change to the encoding of a stored item (or to what stored
//! values mean) raises it and adds a `vN` module here that moves storage
//! from version `N - 1` to `N`, wrapped in
//! [`frame_support::migrations::VersionedMigration`] and listed in the
//! runtime's `runtime/src/migrations.rs`.
//!
//! | version | layout |
//! |---|---|
//! | 0 | since genesis: policies, owner index, request rounds |
//!
//! Spec 101 changed no stored layout of this pallet (its types moved to
//! `types.rs` unchanged), so there is no migration yet.
