import sys

from messagecheck.cli import main

sys.exit(main())
