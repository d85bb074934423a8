# StoreDesk developer commands. `make help` lists them; `make run` and `make test` are the two
# that matter. Everything installs itself on first use (a venv in .venv, plus Debian packages
# when run as root) and is quick when already installed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

# ---- settings (override on the command line: `make run DATA_DIR=/tmp/demo HEADLESS=1`) -------
VENV ?= .venv
# A Python 3.11 that can make a venv: pyenv's first; Debian's own python3.11 lacks ensurepip.
PYTHON ?= $(shell for p in python3.11 python3 python; do \
    c=$$(command -v $$p 2>/dev/null) || continue; \
    "$$c" -c 'import sys, ensurepip, venv; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1 \
    && { echo "$$c"; break; }; done)
DATA_DIR ?= $(HOME)/.local/share/storedesk-demo
HEADLESS ?=
XVFB_SCREEN ?= 1366x768x24
PYTEST_ARGS ?=
# LINT=0 skips ruff/lint-imports in `make test`; NO_TESTS_OK=1 accepts pytest's "no tests" (5).
LINT ?= 1
NO_TESTS_OK ?=
TEST_WORKERS ?= auto
export VENV PYTEST_ARGS LINT NO_TESTS_OK TEST_WORKERS

BIN := $(VENV)/bin
STAMP := $(VENV)/.storedesk-installed
TRANSLATIONS_DIR := resources/translations
TRANSLATIONS := $(TRANSLATIONS_DIR)/storedesk_zh_CN.ts $(TRANSLATIONS_DIR)/storedesk_en.ts
# .qm files are build output (ignored by git): built from every committed .ts by `make install`.
QM_FILES := $(patsubst %.ts,%.qm,$(wildcard $(TRANSLATIONS_DIR)/*.ts))
LUPDATE_DIRS := pos backoffice shared/qt
STOREDESK := $(BIN)/storedesk --data-dir "$(DATA_DIR)"

.PHONY: help install system-deps venv qm run demo test lint format bench translations bundle screenshots \
        clean distclean

help: ## Show this help
	@echo "StoreDesk: make TARGET [VAR=value ...]"
	@echo
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) \
	    | awk 'BEGIN {FS = ":.*## "} {printf "  %-13s %s\n", $$1, $$2}'
	@echo
	@echo "Variables:"
	@echo "  DATA_DIR=$(DATA_DIR)   data dir of the demo terminal (make run/demo)"
	@echo "  HEADLESS=1        make run: open the window under xvfb-run (no screen needed)"
	@echo "  PYTEST_ARGS='...' extra pytest arguments for make test/bench, e.g. PYTEST_ARGS='-k cart -x'"
	@echo "  LINT=0            make test: skip ruff and lint-imports"
	@echo "  TEST_WORKERS=N    make test: pytest worker processes (default auto: one per core; 0: none)"
	@echo "  PYTHON=...        the Python 3.11 that creates $(VENV) (found: $(or $(PYTHON),none))"

# ---- install --------------------------------------------------------------------------------
install: system-deps venv qm ## Install everything: Debian packages (if root), .venv, .qm files

system-deps: ## Install missing Debian packages (as root; otherwise list them)
	@bash scripts/install-system-deps.sh

venv: $(STAMP) ## Create .venv and pip install -e ".[dev]" (only when pyproject.toml changed)

$(STAMP): pyproject.toml
	@if [ ! -x "$(BIN)/python" ] || ! "$(BIN)/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then \
	    py="$(PYTHON)"; \
	    if [ -z "$$py" ]; then \
	        echo "error: no Python 3.11 with venv/ensurepip found; install one or set PYTHON=/path/to/python3.11" >&2; \
	        exit 1; \
	    fi; \
	    echo "+ $$py -m venv $(VENV)"; \
	    rm -rf "$(VENV)"; \
	    "$$py" -m venv "$(VENV)"; \
	fi
	PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 $(BIN)/python -m pip install -q -e ".[dev]"
	@touch "$@"

qm: $(QM_FILES) ## Build translations .qm from the committed .ts files

$(TRANSLATIONS_DIR)/%.qm: $(TRANSLATIONS_DIR)/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent "$<" -qm "$@"

# ---- run ------------------------------------------------------------------------------------
demo: install ## Create (or refresh) the demo enterprise in DATA_DIR
	$(STOREDESK) demo

run: demo ## Demo data in DATA_DIR, then open the counter window (HEADLESS=1: under Xvfb)
	@if [ -n "$(filter 1 y yes true,$(HEADLESS))" ]; then \
	    command -v xvfb-run >/dev/null 2>&1 \
	        || { echo "error: xvfb-run not found (apt-get install xvfb xauth)" >&2; exit 1; }; \
	    echo "+ xvfb-run -a -s '-screen 0 $(XVFB_SCREEN)' $(STOREDESK) pos"; \
	    exec xvfb-run -a -s '-screen 0 $(XVFB_SCREEN)' $(STOREDESK) pos; \
	fi; \
	if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
	    echo "note: no DISPLAY or WAYLAND_DISPLAY; if the window cannot open, use: make run HEADLESS=1" >&2; \
	fi; \
	echo "+ $(STOREDESK) pos"; \
	exec $(STOREDESK) pos

# ---- checks ---------------------------------------------------------------------------------
test: install ## Lint, then pytest against a throwaway PostgreSQL (PYTEST_ARGS=...)
	@bash scripts/run-tests.sh

lint: venv ## ruff check, ruff format --check, lint-imports
	@rc=0; \
	echo "+ ruff check ."; $(BIN)/ruff check . || rc=1; \
	echo "+ ruff format --check ."; $(BIN)/ruff format --check . || rc=1; \
	echo "+ lint-imports"; $(BIN)/lint-imports || rc=1; \
	exit $$rc

format: venv ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install ## Run the benchmarks in tests/bench (they write their own results)
	@bash scripts/run-tests.sh --bench

screenshots: install ## Retake the screenshots in docs/images (the GUI tests that take them)
	QT_QPA_PLATFORM=offscreen STOREDESK_SCREENSHOTS=$(CURDIR)/docs/images $(BIN)/python -m pytest -q \
	    -p no:cacheprovider tests/gui/test_keyboard_sale.py tests/gui/backoffice/test_shift_review_window.py \
	    tests/gui/test_verifier_station.py::test_scan_confirm_redeem_then_refused_again \
	    tests/gui/test_verifier_station.py::test_redeemed_meanwhile_at_another_store \
	    tests/gui/test_verifier_station.py::test_camera_frames_show_the_card \
	    tests/gui/test_counter_coupons.py::test_coupon_and_member_sale_paid_in_cash \
	    tests/gui/test_counter_stock_count.py::test_counts_reach_the_open_count_sheet_with_the_sync \
	    tests/gui/test_serial_sale.py tests/gui/test_card_key_sale.py \
	    tests/gui/backoffice/test_coupon_screens.py \
	    tests/gui/backoffice/test_stock_screens.py::test_an_inbound_voucher_through_the_dialog_moves_stock_and_sets_off_low_stock \
	    tests/gui/backoffice/test_stocktake_screens.py::test_a_count_sheet_scanned_with_the_keyboard_approved_once \
	    tests/gui/backoffice/test_stocktake_screens.py::test_a_transfer_scanned_sent_and_received_with_a_difference \
	    tests/gui/backoffice/test_reservation_screen.py::test_stock_locked_through_the_dialog_released_once_filtered_and_exported \
	    tests/gui/backoffice/test_import_dialog.py \
	    tests/gui/backoffice/test_card_key_screens.py::test_pools_import_with_progress_and_the_report \
	    tests/gui/backoffice/test_channel_screens.py::test_shop_dialog_refusals_disable_with_unsettled_orders_and_the_balance_alert \
	    tests/gui/backoffice/test_channel_screens.py::test_orders_delivered_once_key_copied_reissued_imported_and_deleted \
	    tests/gui/backoffice/test_report_screen.py::test_the_dashboard_shows_the_week_and_follows_the_filters \
	    tests/gui/backoffice/test_settlement_screen.py::test_manager_builds_reads_drills_confirms_and_settles_october \
	    tests/gui/backoffice/test_settlement_screen.py::test_exports_write_the_pdf_and_the_workbook \
	    tests/gui/backoffice/test_catalog_screen.py::test_categories_products_editor_schedule_store_prices_export_and_screenshots \
	    tests/gui/backoffice/test_org_screens.py::test_stores_add_with_refusals_import_close_and_export \
	    tests/gui/backoffice/test_org_screens.py::test_staff_add_with_generated_secrets_reset_disable_delete \
	    tests/gui/backoffice/test_org_screens.py::test_audit_log_newest_first_filters_detail_pages_and_export \
	    tests/gui/backoffice/test_sync_exception_screen.py

# ---- translations and bundle ----------------------------------------------------------------
translations: venv ## Update the .ts files from the sources (lupdate), then build .qm (lrelease)
	@mkdir -p $(TRANSLATIONS_DIR)
	$(BIN)/pyside6-lupdate -extensions py,ui $(wildcard $(LUPDATE_DIRS)) -ts $(TRANSLATIONS)
	@for ts in $(TRANSLATIONS); do \
	    echo "+ pyside6-lrelease $$ts -qm $${ts%.ts}.qm"; \
	    $(BIN)/pyside6-lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; \
	done

bundle: install ## Build the one-folder app in dist/storedesk (PyInstaller, build.spec)
	$(BIN)/pyinstaller --noconfirm build.spec

# ---- cleaning -------------------------------------------------------------------------------
clean: ## Remove build output, caches and built .qm files (keeps .venv)
	rm -rf build dist .pytest_cache .ruff_cache .import_linter_cache *.egg-info
	rm -f $(TRANSLATIONS_DIR)/*.qm
	find . \( -path ./.git -o -path './$(VENV)' -o -path ./.venv \) -prune \
	    -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean ## clean, and remove .venv too
	rm -rf "$(VENV)"
