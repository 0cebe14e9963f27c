"""`python -m jobs [--once] ...`: the same as `publisher schedule ...`, for environments
that run the repository checkout rather than the installed console script."""

import sys

from publisher.cli import main

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "schedule", *sys.argv[1:]]
    main()
