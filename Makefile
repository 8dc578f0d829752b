# Developer shortcuts. Users need neither make nor this file: ./run and ./test do the
# same and work on a machine with only bash and Python (see README.md).

VENV := .venv/bin
BOOTSTRAP := scripts/bootstrap.sh
# Synthetic corpus for the benchmarks (bench/corpus.py); override: make bench BENCH_N=10000
BENCH_N ?= 2000
BENCH_SEED ?= 1
BENCH_OUT ?= bench/out
# The development set of bench/extraction.py, kept outside the repository
DEVSET ?= ../shared/devset

.DEFAULT_GOAL := help
.PHONY: help run test lint format bench corpus package clean distclean

help:
	@echo "make run        set up (first time) and open the window (same as ./run)"
	@echo "make test       ruff, import-linter, pytest offscreen (same as ./test)"
	@echo "make lint       ruff check, ruff format --check, import-linter"
	@echo "make format     ruff format + ruff check --fix"
	@echo "make bench      run every benchmark in bench/ (see docs/PERFORMANCE.md)"
	@echo "make package    build the Linux installers (.deb, .tar.gz) into dist/ (packaging/build linux)"
	@echo "make clean      remove caches and build output (keeps .venv)"
	@echo "make distclean  clean, and remove .venv too"

run:
	./run

test:
	./test

lint:
	@$(BOOTSTRAP) test
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/lint-imports --no-logo

format:
	@$(BOOTSTRAP) test
	$(VENV)/ruff format .
	$(VENV)/ruff check --fix .

corpus:
	@$(BOOTSTRAP) test
	rm -rf $(BENCH_OUT)/corpus
	$(VENV)/python bench/corpus.py $(BENCH_OUT)/corpus $(BENCH_N) --seed $(BENCH_SEED)

# Every benchmark prints its figures; docs/PERFORMANCE.md says which measures what and
# records them; docs/EXTRACTION.md for bench/extraction.py, which needs the development
# set outside the repository (DEVSET, default ../shared/devset) and is skipped without it.
# gui.py builds (once) a 100,000-measure store in bench/out; package.py
# needs `make package` first and is skipped without a bundle.
bench:
	@$(BOOTSTRAP) test
	@if [ -f $(DEVSET)/truth.json ]; then \
		$(VENV)/python bench/extraction.py --devset $(DEVSET) --no-profiles --json $(BENCH_OUT)/extraction.json; \
	else echo "[bench] no development set at $(DEVSET): bench/extraction.py skipped"; fi
	$(VENV)/python bench/ingest.py --docs $(BENCH_N)
	QT_QPA_PLATFORM=offscreen $(VENV)/python bench/gui.py
	$(VENV)/python bench/queries.py $(BENCH_OUT)/gui-100000.sqlite3
	QT_QPA_PLATFORM=offscreen $(VENV)/python bench/timeline.py
	@if [ -x build/bundle/lawtracker/lawtracker ]; then $(VENV)/python bench/package.py; \
	else echo "[bench] no bundle: run make package for bench/package.py"; fi

# The bundle, .deb and .tar.gz; packaging/build makes and reuses its own build venv.
package:
	packaging/build linux

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache .hypothesis .import_linter_cache
	rm -rf $(BENCH_OUT)
	find . -path ./.venv -prune -o -path ./.git -prune -o -name __pycache__ -type d \
		-exec rm -rf {} +

distclean: clean
	rm -rf .venv
