"""Owners who exist: a roster (or CODEOWNERS) every article's owner must be on, and one digest per owner."""
