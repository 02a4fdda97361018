"""The IMR Precedents web site (import name `imr_site`): search, letter pages, precedent packs."""
