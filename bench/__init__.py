"""Benchmarks (`python -m bench`, `make bench`): CSV import and export of a 40,000-row
interviews file beside their floors, measured in the same run."""
