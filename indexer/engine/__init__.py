"""The only code that knows the search engine (Whoosh): schema, writing, searching."""
