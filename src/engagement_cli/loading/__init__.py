"""Reading project and rubric files: bytes to text, text to data, data to models."""
