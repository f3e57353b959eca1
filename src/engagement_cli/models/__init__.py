"""Data models: the project description, the rubric, and the assessment results."""
