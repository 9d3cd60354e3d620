"""Run the command line as ``python -m smartgoals``, the same as the ``smartgoals`` script."""

import sys

from smartgoals.cli import main

if __name__ == "__main__":
    sys.exit(main())
