"""`engage schema`: the JSON Schema of a project file, for editors."""

from __future__ import annotations

import json

import typer

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def project_schema() -> dict[str, object]:
    """The project file's JSON Schema, generated from the model."""
    from engagement_cli.models.project import Project

    schema = Project.model_json_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://engage.invalid/project.schema.json",
        **schema,
    }


def schema() -> None:
    """Print the JSON Schema of a project file.

    Point your editor's YAML support at it for validation and completion, e.g. with the
    YAML extension for VS Code add to the top of a project file:

        # yaml-language-server: $schema=./project.schema.json

    after running: engage schema > project.schema.json
    """
    typer.echo(json.dumps(project_schema(), indent=2, ensure_ascii=False))
