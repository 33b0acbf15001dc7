"""``python -m research_digest`` is the ``digest`` command."""

from research_digest.cli import main

raise SystemExit(main())
