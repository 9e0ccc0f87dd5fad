"""The README's automation section, tested as written: its crontab line and systemd units run,
with only the install path, $HOME / %h and FOLLOWPRUNE_HOME pointed at a temporary folder."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from followprune.errors import ExitCode
from tests.test_rules import RULES_TOML, write_config

README = Path(__file__).resolve().parents[1] / "README.md"
PRUNE = Path(sys.executable).with_name("prune")


def automation_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- automation:start -->")
    return text[start: text.index("<!-- automation:end -->", start)]


def code_blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", automation_section(), flags=re.S)


def crontab_line() -> str:
    (block,) = code_blocks("crontab")
    lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) == 1
    return lines[0]


def unit(name: str) -> str:
    return next(b for b in code_blocks("ini") if b.startswith(f"# ~/.config/systemd/user/{name}"))


def unit_value(text: str, key: str) -> str:
    match = re.search(rf"^{key}=(.*)$", text, flags=re.M)
    assert match, key
    return match.group(1)


@pytest.fixture
def home(tmp_path: Path, isolated_env: Path) -> Path:
    """A user home with prune 'installed' where the README expects it, and a demo config."""
    write_config(isolated_env, RULES_TOML)
    user_home = tmp_path / "user"
    (user_home / ".local" / "bin").mkdir(parents=True)
    (user_home / ".local" / "bin" / "prune").symlink_to(PRUNE)
    return user_home


def _env(user_home: Path) -> dict[str, str]:
    # Cron gives a minimal environment: HOME, a short PATH, no terminal.
    return {"HOME": str(user_home), "PATH": "/usr/bin:/bin",
            "FOLLOWPRUNE_HOME": os.environ["FOLLOWPRUNE_HOME"], "LANG": "C.UTF-8"}


def test_every_exit_code_of_auto_is_documented() -> None:
    section = automation_section()
    for code in (0, 2, 3, 4, 5, 6, 7):
        assert re.search(rf"^\| {code} \| ", section, flags=re.M), code
    assert [int(ExitCode.NOTHING_TO_DO), int(ExitCode.PARTIAL), int(ExitCode.LOCKED)] == [3, 4, 7]


def test_crontab_line_runs_as_written(home: Path) -> None:
    line = crontab_line()
    fields = line.split(None, 5)
    assert len(fields) == 6 and "%" not in line  # cron treats % as a newline
    minute, hour = fields[0], fields[1]
    assert minute.isdigit() and re.fullmatch(r"\*/\d+", hour)
    command = fields[5]
    assert shlex.split(command)[0] == "$HOME/.local/bin/prune"
    report = home / ".local" / "state" / "followprune" / "last-run.md"
    for expected in (3, 4):  # first run: cooling off; second: acts until the per-run cap
        proc = subprocess.run(["/bin/sh", "-c", command], env=_env(home), capture_output=True,
                              text=True, timeout=120)
        assert proc.returncode == expected, proc.stderr
        assert proc.stdout == ""  # --quiet: cron mails nothing on success
        assert report.is_file()
    assert "status: **partial**" in report.read_text()


def test_systemd_service_command_runs_as_written(home: Path) -> None:
    service = unit("followprune.service")
    assert unit_value(service, "Type") == "oneshot"
    assert set(unit_value(service, "SuccessExitStatus").split()) == {"3", "4"}
    exec_start = unit_value(service, "ExecStart").replace("%h", str(home))
    argv = shlex.split(exec_start)
    proc = subprocess.run(argv, env=_env(home), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    data = json.loads((home / ".local/state/followprune/last-run.json").read_text())
    assert data["status"] == "nothing to do" and data["exit_code"] == 3


def test_systemd_timer_is_valid() -> None:
    timer = unit("followprune.timer")
    assert unit_value(timer, "WantedBy") == "timers.target"
    assert unit_value(timer, "Persistent") == "true"
    calendar = unit_value(timer, "OnCalendar")
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    proc = subprocess.run([analyze, "calendar", calendar], capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert "Next elapse" in proc.stdout


def test_units_pass_systemd_analyze_verify(home: Path, tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("followprune.service", "followprune.timer"):
        # verify needs an absolute, existing ExecStart; %h is for the user manager only.
        (folder / name).write_text(unit(name).replace("%h", str(home)))
    proc = subprocess.run([analyze, "verify", str(folder / "followprune.timer"),
                           str(folder / "followprune.service")],
                          capture_output=True, text=True, timeout=60)
    problems = [line for line in proc.stderr.splitlines()
                if "followprune" in line and "Failed to" not in line]
    assert problems == [], proc.stderr
