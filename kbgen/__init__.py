"""kbgen: a docs-as-code help-center generator."""

__version__ = "0.1.0"
