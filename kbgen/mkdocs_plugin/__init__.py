"""The MkDocs adapter: the only place, with the CLI, that knows MkDocs exists."""
