"""Generate realistic, varied project files: seeded, deterministic, every verdict covered.

    python -m benchmarks.generate DIR --count 2000 --seed 1

About 1 % of files are invalid on purpose (broken YAML, an unknown field, a wrong value),
as real folders of proposals have.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

_STAGES = ["define", "design", "build", "deliver", "evaluate"]
_CLAIMS = ["consultation", "collaboration", "co-design", "co-creation", "co-production", None]
_PLACES = ["Riverside", "Northgate", "Hillcrest", "Old Town", "Harbour", "Meadowbank", "Eastfield"]
_SERVICES = [
    "library",
    "youth club",
    "clinic",
    "bus route",
    "park",
    "housing office",
    "exercise class",
    "food bank",
    "school meals",
    "app",
    "museum",
    "help desk",
]


def _group(
    name: str,
    role: str,
    relationship: str,
    stages: dict[str, Any],
    responsibility: list[str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    group: dict[str, Any] = {
        "name": name,
        "role": role,
        "relationship": relationship,
        "stages": stages,
    }
    if responsibility:
        group["shares_responsibility_for"] = responsibility
    group.update(extra)
    return group


def _working(say: str) -> dict[str, Any]:
    return {"say": say, "does_work": True}


def _provider(rng: random.Random, stages: list[str], say: str = "decides") -> dict[str, Any]:
    return _group(
        rng.choice(["staff team", "officers", "service managers", "delivery team"]),
        "provider",
        "internal",
        {stage: _working(say) for stage in stages},
        ["outcomes", "delivery"],
    )


def _consultation(rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    users = _group(
        "residents",
        "users",
        "external",
        dict.fromkeys(rng.sample(["define", "design"], k=2), "consulted"),
        told_what_happened=rng.random() < 0.5,
    )
    return "improve existing", [users, _provider(rng, _STAGES)]


def _collaboration(rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    partner = _group(
        rng.choice(["IT department", "partner charity", "housing association"]),
        "partners",
        rng.choice(["internal", "external"]),
        {"define": "shares decisions", "build": _working("decides"), "deliver": "involved"},
        ["outcomes"],
    )
    return "fixed goal", [partner, _provider(rng, _STAGES)]


def _co_design(rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    users = _group(
        "service users",
        "users",
        "external",
        {"define": "consulted", "design": "shares decisions", "evaluate": "involved"},
        told_what_happened=True,
        recognition=rng.choice(["none", "credited"]),
    )
    return "improve existing", [users, _provider(rng, ["design", "build", "deliver"])]


def _co_creation(rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    makers = _group(
        "community makers",
        rng.choice(["users", "community"]),
        "external",
        {"design": _working("decides"), "build": {"does_work": True}},
        recognition="rewarded",
    )
    voters = _group("voters", "users", "external", {"evaluate": "shares decisions"})
    return "new offering", [makers, voters, _provider(rng, ["build", "deliver", "evaluate"])]


def _co_production(rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    members = _group(
        "members",
        "users",
        "external",
        {stage: _working("shares decisions") for stage in _STAGES},
        ["outcomes", "delivery"],
        recognition="rewarded",
        told_what_happened=True,
    )
    return "improve existing", [members, _provider(rng, _STAGES, "shares decisions")]


_BUILDERS = [_consultation, _collaboration, _co_design, _co_creation, _co_production]


def project(rng: random.Random, index: int) -> dict[str, Any]:
    """One valid project description; which verdict it gets cycles with `index`."""
    purpose, groups = _BUILDERS[index % len(_BUILDERS)](rng)
    for extra in range(rng.randint(0, 3)):
        groups.append(
            _group(f"wider public {extra + 1}", "community", "external", {"deliver": "informed"})
        )
    data: dict[str, Any] = {
        "name": f"{rng.choice(_PLACES)} {rng.choice(_SERVICES)} project {index}",
        "summary": "Generated for benchmarking and scale tests.",
        "purpose": purpose,
        "process": rng.choice(["iterative", "structured"]),
        "groups": groups,
    }
    claim = rng.choice(_CLAIMS)
    if claim:
        data["claimed_approach"] = claim
    return data


def broken(rng: random.Random, index: int) -> str:
    """An invalid file of one of three kinds."""
    kind = index % 3
    if kind == 0:
        return "name: broken\ngroups: [unclosed\n"
    data = project(rng, index)
    if kind == 1:
        data["groups"][0]["rol"] = data["groups"][0].pop("role")
    else:
        data["process"] = "sideways"
    return yaml.safe_dump(data, sort_keys=False)


def generate(folder: Path, count: int, seed: int = 1, invalid_every: int = 100) -> list[Path]:
    """Write `count` project files into `folder` (in subfolders of 500); returns their paths."""
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        path = folder / f"batch-{index // 500:03d}" / f"project-{index:06d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        if invalid_every and index % invalid_every == invalid_every - 1:
            text = broken(rng, index)
        else:
            text = yaml.safe_dump(project(rng, index), sort_keys=False)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    generate(arguments.folder, arguments.count, arguments.seed)


if __name__ == "__main__":
    main()
