from __future__ import annotations

from followprune.cli.main import main

main()
