"""Speed and size benchmarks (not part of pytest): `python benchmarks/run_all.py` writes benchmarks/REPORT.md."""
