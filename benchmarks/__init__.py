"""Dev-only tools: benchmarks and the synthetic data generators (`synthetic_day`, `loadgen`).

Not installed with the product (pyproject's packages are pipelines, models, warehouse and
reports): importable from a source checkout with the repository on the path (the Makefile and
pytest put it there). `pantau bench` and `pantau loadgen` exist only where this package imports.
Run a harness as a module, e.g. `python -m benchmarks.pipeline_bench`.
"""
