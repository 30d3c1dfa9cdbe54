#!/usr/bin/env bash
# The one test command of fic2epub, for developers and CI alike (.ci/run calls it).
#
#   bash scripts/test.sh                 # everything
#   bash scripts/test.sh -k nav -x       # extra arguments go to pytest
#
# It installs what it needs (Java for EPUBCheck, a .venv with the package and its test
# tools), then runs: ruff check, ruff format --check, mypy --strict, pytest.
# All four checks always run, so one report shows every problem; the script fails if any
# of them fails. Setup failures stop it at once.
#
# Environment: PYTEST_WORKERS (default 2) is the number of pytest-xdist workers; 0 runs
# the tests in one process. FIC2EPUB_EPUBCHECK_JOBS caps EPUBCheck VMs per process.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\n==> %s\n' "$*"; }

# ---------------------------------------------------------------- Java (for EPUBCheck)
# EPUBCheck is a Java program, and producing valid EPUB is a hard requirement, so Java
# is installed rather than the EPUBCheck tests skipped. Java 11+ is needed (the tests run
# tests/support/EpubcheckMany.java as a single-source program); Debian's
# default-jre-headless is enough for that (its runtime image includes jdk.compiler).

java_major() {
    # Prints the major version of `java` on PATH ("1.8.0_x" -> 8, "17.0.15" -> 17), or 0.
    local line
    line=$(java -version 2>&1 | grep -m1 -o 'version "[^"]*"' || true)
    line=${line#version \"}
    line=${line%\"}
    if [[ $line == 1.* ]]; then line=${line#1.}; fi
    line=${line%%[!0-9]*}
    echo "${line:-0}"
}

have_java() {
    command -v java >/dev/null 2>&1 && (($(java_major) >= 11)) &&
        java --list-modules 2>/dev/null | grep -q '^jdk\.compiler@'
}

if ! have_java; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "Installing Java (default-jre-headless) for EPUBCheck"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
        hash -r
    fi
    if ! have_java; then
        echo "error: EPUBCheck needs Java >= 11 with the jdk.compiler module: install it (Debian/Ubuntu: sudo apt-get install default-jre-headless) and run this script again" >&2
        exit 1
    fi
fi
java -version 2>&1 | head -n1

# ---------------------------------------------------------------- Python virtualenv
# A project-local .venv keeps the tools' versions those of pyproject.toml, whatever is
# installed on the machine. Reused between runs; rebuilt if it is broken (for example
# after the Python it was made with went away).

if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    echo "error: Python >= 3.10 is needed, python3 is $(python3 --version 2>&1)" >&2
    exit 1
fi
if [[ -d .venv ]] && ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
    say "Removing a broken .venv"
    rm -rf .venv
fi
if [[ ! -d .venv ]]; then
    say "Creating .venv"
    python3 -m venv .venv
fi
# From here on, `python`, `ruff`, `mypy`, `pytest` are the .venv's.
export PATH="$PWD/.venv/bin:$PATH"
export VIRTUAL_ENV="$PWD/.venv"

say "Installing fic2epub with its test and dask extras"
python -m pip install -qq --disable-pip-version-check -e '.[test,dask]'

# ---------------------------------------------------------------- checks
failed=()

run_check() {
    # run_check NAME COMMAND... : runs the command, remembers NAME if it fails.
    local name=$1
    shift
    say "$*"
    if ! "$@"; then
        failed+=("$name")
    fi
}

run_check "ruff check" ruff check src tests examples scripts
run_check "ruff format" ruff format --check src tests examples scripts
run_check "mypy" mypy --strict src

# pytest: two xdist workers by default (the machines have 2 cores; EPUBCheck, the slow
# part, keeps one Java VM per worker). Exit code 5 means "no tests collected": that is
# not a failure while the suite is being written, but say so.
workers=${PYTEST_WORKERS:-2}
xdist_args=()
if [[ $workers != 0 ]]; then
    xdist_args=(-n "$workers")
fi
say "pytest ${xdist_args[*]} $*"
status=0
pytest "${xdist_args[@]}" "$@" || status=$?
if ((status == 5)); then
    echo "pytest: no tests ran (none collected); not counted as a failure"
elif ((status != 0)); then
    failed+=("pytest (exit code $status)")
fi

if ((${#failed[@]})); then
    printf '\nFAILED: %s\n' "$(IFS=,; echo "${failed[*]}" | sed 's/,/, /g')" >&2
    exit 1
fi
