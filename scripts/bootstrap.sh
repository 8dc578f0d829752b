#!/usr/bin/env bash
# Set lawtracker up on this machine: the system libraries Qt needs, Tesseract for OCR,
# a virtualenv in .venv, and the pinned packages of pyproject.toml. Safe to run again:
# when all is in place it only checks (a fraction of a second) and says nothing.
#
# usage: scripts/bootstrap.sh [app|test]
#   app   what ./run needs: Qt libraries for a real window, runtime packages (default)
#   test  what ./test needs: Qt libraries for offscreen use, runtime + test packages
#
# Exit status: 0 ready; 1 something is missing that needs root (the apt line to run is
# printed) or a step failed (the tail of its log is printed); 2 usage error.
set -euo pipefail

MODE="${1:-app}"
case "$MODE" in
    app | test) ;;
    -h | --help)
        # the comment block at the top of this file
        awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
        exit 0
        ;;
    *)
        echo "usage: $0 [app|test]" >&2
        exit 2
        ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
STAMP="$VENV/.lawtracker-installed"
MIN_PYTHON="3.11"
PYTHON_CANDIDATES=(python3.13 python3.12 python3.11 python3)

# Qt's xcb/offscreen plugins load these at run time; pip cannot provide them.
QT_OFFSCREEN_PACKAGES=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libglib2.0-0
    libxkbcommon0 fonts-dejavu-core)
QT_WINDOW_PACKAGES=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1
    libxcb-shape0 libxcb-render-util0 libxcb-image0)
# OCR of scanned PDFs and images runs the tesseract command, with these languages' data.
OCR_PACKAGES=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-aze
    tesseract-ocr-kaz tesseract-ocr-uzb)

say() { printf '[bootstrap] %s\n' "$*"; }
fail() {
    printf '[bootstrap] error: %s\n' "$*" >&2
    exit 1
}

# Long steps write here; the tail is shown only when they fail.
LOG=""
log_file() {
    if [[ -z "$LOG" ]]; then
        LOG="$(mktemp "${TMPDIR:-/tmp}/lawtracker-bootstrap.XXXXXX")"
    fi
    printf '%s' "$LOG"
}
cleanup() { if [[ -n "$LOG" ]]; then rm -f "$LOG"; fi; }
trap cleanup EXIT

# run_logged DESCRIPTION CMD...: run quietly; on failure show the log's tail and exit 1.
run_logged() {
    local what="$1"
    shift
    local log
    log="$(log_file)"
    if ! "$@" >>"$log" 2>&1; then
        printf '[bootstrap] error: %s failed; last lines of its output:\n' "$what" >&2
        tail -n 25 "$log" | sed 's/^/    /' >&2
        exit 1
    fi
}

# python_ok CMD: true when CMD runs and is a Python >= MIN_PYTHON. Also rejects pyenv
# shims and other stubs for versions that are not installed, since those fail to run.
python_ok() {
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}

find_python() {
    local candidate
    for candidate in "${PYTHON_CANDIDATES[@]}"; do
        if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# ---------------------------------------------------------------------------------------
# (b, first half) Decide whether a virtualenv must be made, and with which Python: on
# Debian/Ubuntu `python3 -m venv` needs the python3-venv package (it provides ensurepip),
# which we then install together with the Qt libraries.
# ---------------------------------------------------------------------------------------
NEED_VENV=0
PYTHON=""
if [[ -x "$VENV/bin/python" ]] && python_ok "$VENV/bin/python"; then
    :
else
    if [[ -e "$VENV" ]]; then
        say ".venv exists but its Python does not run or is older than $MIN_PYTHON: it will be recreated"
    fi
    NEED_VENV=1
    if ! PYTHON="$(find_python)"; then
        fail "lawtracker needs Python $MIN_PYTHON or newer; none of ${PYTHON_CANDIDATES[*]} is.
    On Debian/Ubuntu: sudo apt-get install python3 python3-venv"
    fi
fi

venv_package_for() {
    # The Debian package giving ensurepip to interpreter $1: python3-venv for the distro's
    # default python3, pythonX.Y-venv for another version (e.g. from deadsnakes).
    local version default
    version="$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    default="$(/usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' \
        2>/dev/null || true)"
    if [[ "$version" == "$default" ]]; then
        printf 'python3-venv'
    else
        printf 'python%s-venv' "$version"
    fi
}

# ---------------------------------------------------------------------------------------
# (a) System libraries.
# ---------------------------------------------------------------------------------------
WANTED=("${QT_OFFSCREEN_PACKAGES[@]}" "${OCR_PACKAGES[@]}")
if [[ "$MODE" == app ]]; then
    WANTED+=("${QT_WINDOW_PACKAGES[@]}")
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    say "not a Debian/Ubuntu system: skipping the system library check; if Qt fails to" \
        "start, install your system's OpenGL/EGL, fontconfig, dbus, glib and xkbcommon" \
        "libraries (and xcb-cursor for a window); for scanned PDFs and images install" \
        "Tesseract OCR with English, Russian, Azerbaijani, Kazakh and Uzbek (docs/INSTALL.md)"
else
    if [[ "$NEED_VENV" == 1 ]] && ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
        WANTED+=("$(venv_package_for "$PYTHON")")
    fi

    # One dpkg-query call for all packages; unknown packages only print to stderr.
    declare -A INSTALLED=()
    while IFS=$'\t' read -r package status; do
        if [[ "$status" == "install ok installed" ]]; then
            INSTALLED["$package"]=1
        fi
    done < <(dpkg-query -W -f='${Package}\t${Status}\n' "${WANTED[@]}" 2>/dev/null || true)

    MISSING=()
    for package in "${WANTED[@]}"; do
        if [[ -z "${INSTALLED[$package]:-}" ]]; then
            MISSING+=("$package")
        fi
    done

    if ((${#MISSING[@]})); then
        SUDO=()
        if [[ "$(id -u)" != 0 ]]; then
            if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
                SUDO=(sudo -n)
            else
                {
                    printf '[bootstrap] error: these system packages are missing: %s\n' \
                        "${MISSING[*]}"
                    printf '[bootstrap] install them (needs administrator rights), then run this again:\n'
                    printf '    sudo apt-get update && sudo apt-get install -y --no-install-recommends %s\n' \
                        "${MISSING[*]}"
                } >&2
                exit 1
            fi
        fi
        say "installing system packages: ${MISSING[*]}"
        export DEBIAN_FRONTEND=noninteractive
        run_logged "apt-get update" "${SUDO[@]}" apt-get update
        run_logged "apt-get install" "${SUDO[@]}" apt-get install -y --no-install-recommends \
            "${MISSING[@]}"
    fi
fi

# The PostgreSQL tests start a throwaway server of their own; they need its binaries.
# Optional: without root they are skipped, so a missing server never blocks ./test.
if [[ "$MODE" == test ]] && command -v apt-get >/dev/null 2>&1 \
    && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]]; then
        say "installing PostgreSQL for the database tests (no system cluster is created)"
        mkdir -p /etc/postgresql-common
        printf 'create_main_cluster = false\n' >>/etc/postgresql-common/createcluster.conf
        export DEBIAN_FRONTEND=noninteractive
        run_logged "apt-get update" apt-get update
        run_logged "apt-get install postgresql" apt-get install -y --no-install-recommends postgresql
    else
        say "PostgreSQL is not installed: its tests will be skipped" \
            "(sudo apt-get install postgresql to run them)"
    fi
fi

# ---------------------------------------------------------------------------------------
# (b) The virtualenv.
# ---------------------------------------------------------------------------------------
if [[ "$NEED_VENV" == 1 ]]; then
    say "creating .venv with $("$PYTHON" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
    rm -rf "$VENV"
    run_logged "creating the virtualenv" "$PYTHON" -m venv "$VENV"
fi

# ---------------------------------------------------------------------------------------
# (c) The project and its pinned packages. The stamp records what was installed ("app"
# or "test"; test includes app); it is stale when pyproject.toml is newer.
# ---------------------------------------------------------------------------------------
installed_mode=""
if [[ -f "$STAMP" && "$STAMP" -nt "$ROOT/pyproject.toml" ]]; then
    installed_mode="$(cat "$STAMP")"
fi
if [[ "$installed_mode" == test || "$installed_mode" == "$MODE" ]]; then
    exit 0
fi

if [[ "$MODE" == test ]]; then
    target=".[test]"
else
    target="."
fi
say "installing lawtracker and its pinned packages ($MODE); the first time takes a minute or two"
run_logged "pip install" "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    --editable "$target"
printf '%s\n' "$MODE" >"$STAMP"
say "ready"
