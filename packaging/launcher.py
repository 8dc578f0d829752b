"""PyInstaller's entry script: the frozen ``lawtracker`` executable runs this.

A windowed Windows build starts with ``sys.stdout``/``sys.stderr`` set to ``None``:
any ``print`` would then raise. Attach to the console of the process that started us
(a terminal, a CI step running ``--self-check``) so CLI output is seen, and fall back
to discarding it when there is none; the log file keeps everything either way.
"""

import os
import sys


def _give_windowed_app_streams() -> None:
    if sys.stdout is not None and sys.stderr is not None:
        return
    if os.name == "nt":
        import ctypes

        attach_parent_process = -1
        if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
            sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
            sys.stderr = sys.stdout
            return
    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the process)
    sys.stdout = sys.stdout or sink
    sys.stderr = sys.stderr or sink


if __name__ == "__main__":
    # A frozen app must let spawned import workers (ingestion/parallel.py) run as workers.
    import multiprocessing

    multiprocessing.freeze_support()
    _give_windowed_app_streams()
    from lawtracker.__main__ import main

    sys.exit(main())
