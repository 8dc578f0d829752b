# Developer shortcuts. Users need neither make nor this file: ./run and ./test do the
# same and work on a machine with only bash and Python (see README.md).

VENV := .venv/bin
BOOTSTRAP := scripts/bootstrap.sh
# Synthetic corpus for the benchmarks (bench/corpus.py); override: make bench BENCH_N=10000
BENCH_N ?= 2000
BENCH_SEED ?= 1
BENCH_OUT ?= bench/out

.DEFAULT_GOAL := help
.PHONY: help run test lint format bench corpus package clean distclean

help:
	@echo "make run        set up (first time) and open the window (same as ./run)"
	@echo "make test       ruff, import-linter, pytest offscreen (same as ./test)"
	@echo "make lint       ruff check, ruff format --check, import-linter"
	@echo "make format     ruff format + ruff check --fix"
	@echo "make bench      generate a corpus of BENCH_N documents, run bench/bench_*.py"
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

# Each bench/bench_*.py takes the corpus folder as its argument and prints its figures;
# docs/PERFORMANCE.md says which script measures what.
bench: corpus
	@set -e; found=0; \
	for script in bench/bench_*.py; do \
		[ -e "$$script" ] || continue; found=1; \
		echo "[bench] $$script"; \
		QT_QPA_PLATFORM=offscreen $(VENV)/python "$$script" $(BENCH_OUT)/corpus; \
	done; \
	[ "$$found" = 1 ] || echo "[bench] no bench/bench_*.py scripts yet: only the corpus was made"

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
