.PHONY: lint test bench docs
lint:
	ruff check
	ruff format --check
	mypy
test:
	python -m pytest
bench:
	python bench/check_latency.py
docs:
	python -m titlecli.regions_doc
