"""docs/performance.md is shared: `make bench` rewrites its own tables and keeps, as they were,
the sections other benchmarks wrote between `<!-- BEGIN name -->` and `<!-- END name -->`."""

from __future__ import annotations

from pathlib import Path

from bench.measure import Result
from bench.report import write, write_section

INTERACTIONS = """<!-- BEGIN interactions -->
## Interactions in the browser

| save | median | floor |
| --- | ---: | ---: |
| a tick | 80 ms | 70 ms |
<!-- END interactions -->"""
CLUSTER = "<!-- BEGIN cluster -->\n## The cluster\n\n60 sessions, 0 errors.\n<!-- END cluster -->"


def _write(path: Path, measure: str) -> None:
    result = Result("sqlite", "M", measure, 0.05, 0.04, "a floor")
    write(path, [result], [], [("CPU", "test")], "python -m bench")


def test_a_rewrite_keeps_the_sections_other_benchmarks_wrote(tmp_path: Path) -> None:
    path = tmp_path / "performance.md"
    _write(path, "first run")
    path.write_text(
        path.read_text(encoding="utf-8") + f"\n{INTERACTIONS}\n\nloose words\n\n{CLUSTER}\n",
        encoding="utf-8",
    )
    _write(path, "second run")
    text = path.read_text(encoding="utf-8")
    assert "second run" in text and "first run" not in text
    assert INTERACTIONS in text and CLUSTER in text
    assert text.index(INTERACTIONS) < text.index(CLUSTER)
    assert "loose words" not in text  # outside any section: the report's own, rewritten
    _write(path, "third run")
    assert path.read_text(encoding="utf-8").count("<!-- BEGIN interactions -->") == 1


def test_an_unfinished_section_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "performance.md"
    path.write_text("<!-- BEGIN cluster -->\nhalf written\n", encoding="utf-8")
    _write(path, "a run")
    assert "half written" not in path.read_text(encoding="utf-8")


def test_a_section_is_written_in_its_place_and_kept_by_the_next_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "performance.md"
    _write(path, "a run")
    write_section(path, "pages", "## Pages\n\nfirst")
    write_section(path, "pages", "## Pages\n\nsecond")
    text = path.read_text(encoding="utf-8")
    assert "second" in text and "first" not in text and text.count("BEGIN pages") == 1
    _write(path, "another run")
    assert "second" in path.read_text(encoding="utf-8")
