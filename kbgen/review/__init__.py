"""Review scheduling: when an article falls due, what state it is in, and recording that it was re-read."""
