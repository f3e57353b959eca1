"""Output formats: each a pure function from a `Report` to a string."""
