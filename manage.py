#!/usr/bin/env python
"""Django's command-line utility; `renda` (renda/cli.py) is the same under the project's name."""

from renda.cli import main

if __name__ == "__main__":
    main()
