"""Translations that keep up: each records the hash of the source body it was made from, so drift is visible."""
