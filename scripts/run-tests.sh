#!/usr/bin/env bash
# Run the checks and the test suite against a throwaway PostgreSQL (called by `make test`).
#
#   scripts/run-tests.sh [PYTEST ARGS...]          ruff, ruff format --check, lint-imports, pytest
#   scripts/run-tests.sh --bench [PYTEST ARGS...]  only the benchmarks in tests/bench
#
# Expects the venv to be installed already (`make install`). Environment:
#   VENV=.venv          the virtualenv to use
#   PYTEST_ARGS="..."   extra pytest arguments (shell-quoted; `make test PYTEST_ARGS='-k cart'`)
#   LINT=0              skip ruff and lint-imports
#   NO_TESTS_OK=1       treat pytest's exit 5 ("no tests collected") as success
#   TEST_WORKERS=N      pytest-xdist worker processes (default: auto, one per core; 0 = in-process)
#
# PostgreSQL is always stopped on the way out (EXIT trap), whatever happened. The exit status is
# pytest's when pytest failed; otherwise 1 if a lint step failed; otherwise 0.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd -P)"

mode="test"
if [ "${1:-}" = "--bench" ]; then
    mode="bench"
    shift
fi

VENV="${VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
    printf "run-tests: no virtualenv at %s; run 'make install' first\n" "$VENV" >&2
    exit 2
fi
case "$VENV" in
    /*) venv_abs="$VENV" ;;
    *) venv_abs="$root/$VENV" ;;
esac
export PATH="$venv_abs/bin:$PATH"
export VIRTUAL_ENV="$venv_abs"

step() { printf '\n==> %s\n' "$*"; }

pg_env="$(mktemp "${TMPDIR:-/tmp}/storedesk-pg-env.XXXXXX")"
pg_started=""
# shellcheck disable=SC2317  # called from the trap
cleanup() {
    local rc=$?
    if [ -n "$pg_started" ]; then
        bash "$root/scripts/pg-throwaway.sh" stop --env-file "$pg_env" || true
    fi
    rm -f -- "$pg_env"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "starting a throwaway PostgreSQL"
pg_started=1
if url="$(bash "$root/scripts/pg-throwaway.sh" start --env-file "$pg_env")"; then
    export STOREDESK_TEST_PG_URL="$url"
    printf 'STOREDESK_TEST_PG_URL=%s\n' "$STOREDESK_TEST_PG_URL"
elif [ "$mode" = "bench" ]; then
    printf 'run-tests: no PostgreSQL; benchmarks that need it will skip\n' >&2
else
    printf 'run-tests: cannot run the tests without PostgreSQL (STOREDESK_REQUIRE_PG=1)\n' >&2
    exit 3
fi
export QT_QPA_PLATFORM=offscreen
# Qt complains on every start when this is unset; a private one per run keeps it quiet.
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
    XDG_RUNTIME_DIR="$(dirname "$pg_env")/storedesk-xdg.$(id -u)"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    export XDG_RUNTIME_DIR
fi

# Extra pytest arguments: from PYTEST_ARGS (shell-quoted, so -k "a and b" works) and from "$@".
extra=()
if [ -n "${PYTEST_ARGS:-}" ]; then
    eval "extra=(${PYTEST_ARGS})"
fi
extra+=("$@")

if [ "$mode" = "bench" ]; then
    step "pytest tests/bench"
    set +e
    python -m pytest tests/bench -q -s -p no:cacheprovider \
        --override-ini 'norecursedirs=.* __pycache__' "${extra[@]}"
    rc=$?
    set -e
    if [ "$rc" -eq 5 ]; then
        printf '\nrun-tests: no benchmarks found in tests/bench\n'
        rc=0
    fi
    exit "$rc"
fi

export STOREDESK_REQUIRE_PG=1

lint_failed=()
run_lint() {
    local name="$1"
    shift
    step "$name"
    if ! "$@"; then
        lint_failed+=("$name")
        printf '!! %s failed\n' "$name"
    fi
}
if [ "${LINT:-1}" != "0" ]; then
    run_lint "ruff check" ruff check .
    run_lint "ruff format --check" ruff format --check .
    run_lint "lint-imports" lint-imports
fi

# Tests run in one worker per core (pytest-xdist): every test makes its own databases, and each
# worker its own PostgreSQL template, so they never share state.
workers=(-n "${TEST_WORKERS:-auto}")
if [ "${TEST_WORKERS:-auto}" = "0" ]; then
    workers=()
fi

step "pytest -q -p no:cacheprovider ${workers[*]} ${extra[*]}"
# pytest's output also goes to a file, so that its closing summary line can be repeated as the
# very last line of the run (CI reads the closing lines); keep colours for a terminal.
pytest_log="$(mktemp "${TMPDIR:-/tmp}/storedesk-pytest.XXXXXX")"
color=()
if [ -t 1 ]; then
    color=(--color=yes)
fi
set +e
pytest -q -p no:cacheprovider "${color[@]}" "${workers[@]}" "${extra[@]}" 2>&1 | tee "$pytest_log"
rc=${PIPESTATUS[0]}
set -e
summary="$(sed 's/\x1b\[[0-9;]*m//g' "$pytest_log" \
    | grep -E '^=* *(no tests ran|[0-9]+ (passed|failed|error|errors|skipped|deselected|xfailed|xpassed|warnings?))' \
    | tail -n 1 || true)"
rm -f -- "$pytest_log"

if [ "$rc" -eq 5 ] && [ -n "${NO_TESTS_OK:-}" ]; then
    printf '\nrun-tests: pytest collected no tests (exit 5); NO_TESTS_OK is set, counting it as success\n'
    rc=0
fi
if [ ${#lint_failed[@]} -ne 0 ]; then
    printf '\nrun-tests: lint failed: %s\n' "$(IFS=','; printf '%s' "${lint_failed[*]}")"
    if [ "$rc" -eq 0 ]; then
        rc=1
    fi
fi

# Stop PostgreSQL now rather than in the trap, so that the summary below comes last.
bash "$root/scripts/pg-throwaway.sh" stop --env-file "$pg_env" || true
pg_started=""

printf '\nrun-tests: exit status %s; pytest said:\n%s\n' "$rc" "${summary:-(no summary line)}"
exit "$rc"
