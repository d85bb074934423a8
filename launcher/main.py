"""The ``storedesk`` entry point: the one module that knows both windows.

``pos`` and ``backoffice`` never import each other; this launcher hands the CLI a lazy starter for
each window, so headless commands never load Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _pos(args: argparse.Namespace) -> int:
    if getattr(args, "verifier", False):
        from pos.verifier.app import run as run_station

        return run_station(args)
    from pos.app import run

    return run(args)


def _backoffice(args: argparse.Namespace) -> int:
    from backoffice.app import run

    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    from backoffice.cli import main as cli_main

    return cli_main(argv, windows={"pos": _pos, "backoffice": _backoffice})


if __name__ == "__main__":
    sys.exit(main())
