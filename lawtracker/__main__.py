"""Entry point: ``lawtracker`` / ``python -m lawtracker``.

A sub-command runs the scriptable CLI (no Qt imported); no sub-command, or
``gui``/``--self-check``, opens the window through the composition root.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from lawtracker import cli, paths, site_config
from lawtracker.errors import UserFacingError
from lawtracker.log import setup_logging
from lawtracker.private_files import restrict_umask


def main(argv: Sequence[str] | None = None) -> int:
    # Before anything is written: stores, logs, settings and exports hold client work.
    restrict_umask()
    args = cli.parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    setup_logging(verbose=args.verbose)
    if args.db is None and not args.self_check:
        try:
            args.db = site_config.load().database_url  # the administrator's lawtracker.toml
        except UserFacingError as exc:
            print(f"lawtracker: {exc}", file=sys.stderr)
            return 2
    if args.command in cli.COMMANDS:
        return cli.exit_quietly_on_broken_pipe(lambda: cli.run(args))
    from lawtracker import app

    return app.run(args)


if __name__ == "__main__":
    # Import parses large batches in spawned worker processes (ingestion/parallel.py).
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
