"""IMR letters -> text -> records -> index: everything that reads letters and writes the index."""
