"""`solace`: the command-line tool (Django's manage.py with Solace's own commands added)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["solace", *sys.argv[1:]])


if __name__ == "__main__":
    main()
