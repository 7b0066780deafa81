"""The `renda` console script: manage.py under the project's name, with hyphenated commands."""

import subprocess
import sys


def _renda(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "renda.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_hyphenated_command_names_reach_their_command():
    done = _renda("import-draft", "--help")
    assert done.returncode == 0, done.stderr
    assert "import_draft" in done.stdout or "import-draft" in done.stdout


def test_the_issue_commands_exist():
    for command in ("demo", "serve", "remind", "stats", "export-draft"):
        assert _renda(command, "--help").returncode == 0, command
