"""Run the command line as ``python -m smartgoals``."""

import sys

from smartgoals.cli import main

sys.exit(main())
