.PHONY: lint test bench
lint:
	ruff check
	ruff format --check
test:
	python -m pytest
bench:
	python bench/check_latency.py
