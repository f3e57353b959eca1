"""The engine: pure functions from a project and a rubric to an assessment."""
