fn main() {
	// With `metadata-hash` the wasm carries the hash of its metadata, which
	// `CheckMetadataHash` compares with the one an offline signer commits
	// to (RFC-0078); the token is what such signers display.
	#[cfg(all(feature = "std", feature = "metadata-hash"))]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("MKT", 12)
		.build();
	#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
