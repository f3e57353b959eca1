"""How blind translations of prose accounts compare with an expert's verdicts.

A translation is a project file written from the README and `engage schema` alone,
without seeing the expected verdict or anyone else's translation. Two kinds of set are
measured here:

- the acceptance set (`cases/`), whose blind translations are in `blind/<translator>/`;
- held-out rounds (`heldout/round-N/`): accounts and verdicts written by an independent
  expert from the domain specification alone, with translations in
  `translations/<translator>/`;
- the sets of real cases (`real/`, `real-2/`): published projects described in their own
  words, each with its sources and an independent expert's verdict (`cases/<case>/`), with
  translations in `translations/<translator>/`.

For each set the results say how often each translator's file gets the expert verdict,
exactly and counting the defensible alternatives, and how often two translators agree.

    python -m tests.acceptance.blind_agreement          # print every table
    python -m tests.acceptance.blind_agreement --write  # rewrite every RESULTS.md
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from engagement_cli.rubric.compiled import Rubric
from engagement_cli.rubric.load import load_rubric
from engagement_cli.runner import Settings, assess_path

HERE = Path(__file__).parent
CASES = HERE / "cases"
BLIND = HERE / "blind"
HELDOUT = HERE / "heldout"


@dataclass(frozen=True)
class Row:
    case: str
    expected: str
    defensible: tuple[str, ...]
    verdicts: dict[str, str]
    """Translator → verdict ("invalid" or "missing" when there is no assessment)."""


@dataclass(frozen=True)
class MeasuredSet:
    title: str
    results: Path
    translators: list[str]
    rows: list[Row]


def _verdict(path: Path, rubric: Rubric) -> str:
    if not path.is_file():
        return "missing"
    result = assess_path(path, path.name, Settings(rubric=rubric))
    return result.assessment.verdict if result.assessment else "invalid"


def _translators(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.is_dir())


def acceptance_set(rubric: Rubric) -> MeasuredSet:
    """The acceptance cases against their blind translations."""
    translators = _translators(BLIND)
    rows = []
    for case in sorted(path for path in CASES.iterdir() if path.is_dir()):
        expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
        verdicts = {
            name: _verdict(BLIND / name / f"{case.name}.yaml", rubric) for name in translators
        }
        rows.append(
            Row(case.name, expected["verdict"], tuple(expected.get("defensible", [])), verdicts)
        )
    return MeasuredSet(
        "Blind translations of the acceptance accounts", BLIND / "RESULTS.md", translators, rows
    )


def heldout_sets(rubric: Rubric) -> Iterator[MeasuredSet]:
    """Each held-out round against its translations."""
    for folder in sorted(path for path in HELDOUT.iterdir() if path.is_dir()):
        expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
        translators = _translators(folder / "translations")
        rows = [
            Row(
                case,
                answer["verdict"],
                tuple(answer.get("defensible") or []),
                {
                    name: _verdict(folder / "translations" / name / f"{case}.yaml", rubric)
                    for name in translators
                },
            )
            for case, answer in sorted(expected.items())
        ]
        yield MeasuredSet(
            f"Held-out {folder.name}: an independent expert's accounts, translated blind",
            folder / "RESULTS.md",
            translators,
            rows,
        )


def real_sets(rubric: Rubric) -> Iterator[MeasuredSet]:
    """Each set of real cases (`real`, `real-2`, ...) against its blind translations."""
    for folder in sorted(path for path in HERE.glob("real*") if path.is_dir()):
        translators = _translators(folder / "translations")
        rows = []
        for case in sorted(path for path in (folder / "cases").iterdir() if path.is_dir()):
            expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
            verdicts = {
                name: _verdict(folder / "translations" / name / f"{case.name}.yaml", rubric)
                for name in translators
            }
            rows.append(
                Row(
                    case.name,
                    expected["verdict"],
                    tuple(expected.get("defensible") or []),
                    verdicts,
                )
            )
        yield MeasuredSet(
            f"Real published projects ({folder.name}), translated blind",
            folder / "RESULTS.md",
            translators,
            rows,
        )


def every_set(rubric: Rubric | None = None) -> list[MeasuredSet]:
    rubric = rubric or load_rubric()
    return [acceptance_set(rubric), *heldout_sets(rubric), *real_sets(rubric)]


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.0%})" if total else "—"


def render(measured: MeasuredSet) -> str:
    """One set's results as Markdown: a summary, then a line per case."""
    translators, rows = measured.translators, measured.rows
    lines = [
        f"# {measured.title}",
        "",
        "Generated by `python -m tests.acceptance.blind_agreement --write` with the current",
        "rubric; a test checks that this file matches what the translations give.",
        "",
        "| translator | exact | with defensible alternatives |",
        "|---|---|---|",
    ]
    for name in translators:
        exact = sum(row.verdicts[name] == row.expected for row in rows)
        defensible = sum(row.verdicts[name] in (row.expected, *row.defensible) for row in rows)
        lines.append(f"| {name} | {_share(exact, len(rows))} | {_share(defensible, len(rows))} |")
    lines += ["", "| translators | same verdict |", "|---|---|"]
    for first, second in itertools.combinations(translators, 2):
        same = sum(row.verdicts[first] == row.verdicts[second] for row in rows)
        lines.append(f"| {first} and {second} | {_share(same, len(rows))} |")
    header = " | ".join(translators)
    lines += ["", f"| case | expert | {header} |", "|---|---|" + "---|" * len(translators)]
    for row in rows:
        expert = row.expected + (f" (or {', '.join(row.defensible)})" if row.defensible else "")
        cells = " | ".join(
            row.verdicts[name] + ("" if row.verdicts[name] == row.expected else " ✗")
            for name in translators
        )
        lines.append(f"| {row.case} | {expert} | {cells} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help="rewrite every RESULTS.md")
    arguments = parser.parse_args()
    for measured in every_set():
        text = render(measured)
        if arguments.write:
            measured.results.write_text(text, encoding="utf-8")
        print(text)


if __name__ == "__main__":
    main()
