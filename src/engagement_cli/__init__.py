"""engage: tell what kind of engagement a project really is, with the evidence."""

__version__ = "0.1.0"
