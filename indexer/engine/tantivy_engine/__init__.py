"""The second engine: the engine's public API on tantivy (an embedded Rust library), chosen per
index with `imr index --engine tantivy`. Only this package imports tantivy."""
