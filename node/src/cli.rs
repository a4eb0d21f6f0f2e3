//! Command-line interface: the standard Substrate node commands.

/// `market-node [SUBCOMMAND] [RUN OPTIONS]`.
#[derive(Debug, clap::Parser)]
#[command(version, propagate_version = true, args_conflicts_with_subcommands = true)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// Seal blocks on demand instead of in BABE's 6-second slots, for
	/// development and tests: `instant` seals and finalizes a block for each
	/// transaction the pool takes in; `manual` seals only when asked. Both
	/// also take `engine_createBlock` and `engine_finalizeBlock` over
	/// JSON-RPC. Blocks still carry BABE's pre-digest and slot, each the slot
	/// after its parent's, so the runtime sees the chain BABE would make.
	/// The keystore must hold the chain's BABE authority key (`--dev` does)
	/// and GRANDPA does not run.
	#[arg(long, value_enum, value_name = "MODE")]
	pub sealing: Option<Sealing>,
}

/// How blocks are sealed in `--sealing` mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sealing {
	/// A finalized block for each transaction that enters the pool, plus any
	/// asked for over JSON-RPC.
	Instant,
	/// Only the blocks asked for over JSON-RPC (`engine_createBlock`).
	Manual,
}

/// The node's subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys, node keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Off-chain toolkit: sign tickets, statements and receipts,
	/// evaluate tickets and build claim trees (prints JSON).
	#[command(subcommand)]
	Toolkit(crate::toolkit::ToolkitCmd),

	/// Export a chain spec (`--raw` for the form operators hand out).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a block as a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain's database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Run benchmarks (`benchmark pallet` generates the pallets' weights).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),
}
