"""``python -m sv_analytics``: see sv_analytics/cli.py."""

import sys

from sv_analytics.cli import main

# guarded: the worker processes of ``report --alle`` (multiprocessing's fork server) import this
# module again as ``__mp_main__``, and must not run the command a second time
if __name__ == "__main__":
    sys.exit(main())
