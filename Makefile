.PHONY: lint test bench
lint:
	ruff check titlecli tests bench
	ruff format --check titlecli tests bench || true
test:
	python -m pytest
bench:
	python bench/check_latency.py
