"""``python -m sv_analytics``: see sv_analytics/cli.py."""

import sys

from sv_analytics.cli import main

sys.exit(main())
