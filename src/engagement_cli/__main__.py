"""Allows ``python -m engagement_cli``."""

from engagement_cli.cli import main

main()
