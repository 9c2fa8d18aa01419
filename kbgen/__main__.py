"""`python -m kbgen`: the same command line as the `kbgen` script."""

from kbgen.cli import main

main()
