"""CSV interchange (DESIGN.md): pages call `preview` then `apply`, the command line
`import_now`; `export` writes a file."""

from networkit_core.interchange.export import export, export_rows
from networkit_core.interchange.formats import Kind
from networkit_core.interchange.mappings import remembered_mapping
from networkit_core.interchange.outcomes import (
    Action,
    Counts,
    HeaderIssue,
    ImportPreview,
    ImportResult,
    Problem,
    RowOutcome,
)
from networkit_core.interchange.preview import (
    ImportRefused,
    apply,
    import_now,
    importable_kinds,
    preview,
)

__all__ = [
    "Action",
    "Counts",
    "HeaderIssue",
    "ImportPreview",
    "ImportRefused",
    "ImportResult",
    "Kind",
    "Problem",
    "RowOutcome",
    "apply",
    "export",
    "export_rows",
    "import_now",
    "importable_kinds",
    "preview",
    "remembered_mapping",
]
