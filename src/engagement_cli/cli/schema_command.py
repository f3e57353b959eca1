"""`engage schema`: the JSON Schema of a project file, for editors."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from engagement_cli.cli.common import RUBRIC_OPTION, rubric_or_exit
from engagement_cli.formats.safe_text import json_inert


def schema(rubric_path: Path | None = RUBRIC_OPTION) -> None:
    """Print the JSON Schema of a project file.

    It accepts exactly what engage reads: friendly spellings in any case, a bare say
    level for a stage, and the approaches and checklist items of the rubric (the default,
    or --rubric). Point your editor's YAML support at it for validation and completion,
    e.g. with the YAML extension for VS Code add to the top of a project file:

        # yaml-language-server: $schema=./project.schema.json

    after running: engage schema > project.schema.json
    """
    from engagement_cli.rubric.project_schema import project_schema

    rubric = rubric_or_exit(rubric_path)
    text = json.dumps(project_schema(rubric), indent=2, ensure_ascii=False)
    typer.echo(json_inert(text))
