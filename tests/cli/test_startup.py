"""Start-up: a command builds only the schemas it uses (timings live in the benchmark)."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import EXAMPLES

_PROBE = """
import sys
from engagement_cli.cli import main
from engagement_cli.models import project, result, rubric
sys.argv = ["engage", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
built = {
    name: model.__pydantic_complete__
    for module in (project, result, rubric)
    for name, model in vars(module).items()
    if isinstance(model, type) and hasattr(model, "__pydantic_complete__")
    and model.__module__ == module.__name__
}
print(sorted(name for name, done in built.items() if done))
"""


def _built(*arguments: str) -> list[str]:
    shown = subprocess.run(
        [sys.executable, "-c", _PROBE, *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    last = shown.stdout.strip().splitlines()[-1]
    return list(ast.literal_eval(last))


def test_assess_in_a_terminal_builds_no_result_schema() -> None:
    built = _built("assess", str(EXAMPLES / "lego-ideas.yaml"))
    # The file and the rubric are validated; the results are only constructed and shown.
    assert "Project" in built
    assert "RubricDocument" in built
    assert not {"Report", "FileResult", "Assessment", "Finding"} & set(built)


def test_listing_files_builds_no_project_or_result_schema() -> None:
    # Only the rubric is read (and checked) before the walk.
    assert _built("check", str(EXAMPLES), "--list-files") == ["RubricDocument"]


def test_a_run_imports_only_the_formats_it_writes() -> None:
    probe = (
        "import sys\n"
        "from engagement_cli.cli import main\n"
        "sys.argv = ['engage', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules"
        " if m.startswith('engagement_cli.formats.') and m.endswith('_format')))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe, "check", str(EXAMPLES), "-f", "json", "-o", "/dev/null"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    imported = set(ast.literal_eval(shown.stdout.strip().splitlines()[-1]))
    assert "json_format" in imported
    assert not {"html_format", "junit_format", "sarif_format", "csv_format"} & imported
