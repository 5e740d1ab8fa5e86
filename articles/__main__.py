import sys

from articles.cli import main

sys.exit(main())
