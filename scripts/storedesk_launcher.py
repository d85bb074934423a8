"""Entry point of the PyInstaller bundle (build.spec): the same as the `storedesk` command.

It calls `launcher.main:main` when that module exists (it hands the CLI the window starters
without `pos` and `backoffice` importing each other), and `backoffice.cli:main` otherwise.
"""

import multiprocessing
import sys

try:
    from launcher.main import main
except ModuleNotFoundError as exc:
    if exc.name not in ("launcher", "launcher.main"):
        raise
    from backoffice.cli import main

if __name__ == "__main__":
    # Needed if anything ever starts a process in the frozen app; a no-op otherwise.
    multiprocessing.freeze_support()
    sys.exit(main())
