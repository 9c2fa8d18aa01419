"""`python -m kbgen`: the same command line as the `kbgen` script."""

from kbgen.cli import main

if __name__ == "__main__":  # the search build's worker processes import this module too
    main()
