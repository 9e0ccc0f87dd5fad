"""`prune --from FILE --all --dry-run --format json` as a person runs it, beside the floor.

    python benchmarks/bench_end_to_end.py [--sizes 10000,100000,1000000] [--seed 7]
        [--repeat 1] [--src OTHER_TREE/src] [--keep DIR]

For each size a follow file is generated (benchmarks/follow_file.py: X v2 user objects, one
per line), then two child processes run one after the other:

- **floor**: a fresh interpreter that reads the file and `json.loads` every line, nothing
  else: the least any tool reading this file must pay;
- **prune**: the installed `prune` command, end to end (start-up, reading, checking,
  scoring, writing the JSON to a file), in a fresh store.

Wall time is measured around each child and peak RSS from `RUSAGE_CHILDREN`, which after a
single child holds the peak of the largest process it made. `prune` forks a child of its own
on long lists (issue 17: both cores), so the memory of the process and its children taken
together is sampled too, every 20 ms: the summed RSS (shared pages counted in each) and the
summed PSS (shared pages split between them, what the machine gives up). CPU time (user +
system) is the steadier figure on a shared machine; with `--repeat N` each size is run N
times and the least of each figure is shown. `--src` runs the code of another checkout (its
`src` folder first on PYTHONPATH) with this interpreter, to measure before and after in the
same conditions.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = "import json,sys\nfor line in open(sys.argv[1], 'rb'):\n    json.loads(line)\n"
# Interests and a home, so relevance and geography do real work as for a configured user.
SETTINGS = {
    "FOLLOWPRUNE_INTERESTS_KEYWORDS": "rust,python,open source,machine learning,climate,energy",
    "FOLLOWPRUNE_GEOGRAPHY_HOME": "Berlin",
    "FOLLOWPRUNE_GEOGRAPHY_REGIONS": "GB",
}


def _follow_file() -> object:
    spec = importlib.util.spec_from_file_location("follow_file", HERE / "follow_file.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Runs in the wrapper process beside the measured child: every 20 ms, the summed RSS and
# PSS of the child and its own children (prune forks one on long lists). RSS counts pages
# the two share twice; PSS splits them, so it is what the processes take from the machine.
# Each process's smaps_rollup is read once a sample for both: the kernel walks every page
# of the process to make it, work that takes a core from a measured run using both.
_SAMPLER = """
import os,threading
def _tree(pid):
    found=[pid]
    for p in found:
        try:
            for t in os.listdir(f'/proc/{p}/task'):
                with open(f'/proc/{p}/task/{t}/children') as f:
                    found += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return found
def _kb(pid):
    found={'Rss:':0,'Pss:':0}
    try:
        with open(f'/proc/{pid}/smaps_rollup') as f:
            for line in f:
                key=line.split(None,1)[0]
                if key in found:
                    found[key]=int(line.split()[1])
    except (OSError, ValueError):
        pass
    return found
peaks={'rss_sum':0,'pss_sum':0,'processes':1}
def sample(pid, done):
    while not done.wait(0.02):
        kbs=[_kb(p) for p in _tree(pid)]
        peaks['rss_sum']=max(peaks['rss_sum'],sum(k['Rss:'] for k in kbs))
        peaks['pss_sum']=max(peaks['pss_sum'],sum(k['Pss:'] for k in kbs))
        peaks['processes']=max(peaks['processes'],len(kbs))
"""


def measure(argv: list[str], env: dict[str, str], stdout: Path) -> dict[str, float]:
    """Run one child; its wall and CPU time (its children's included) and peak memory (MB):
    `peak` the largest single process (RUSAGE_CHILDREN), `rss_sum` and `pss_sum` the most
    the process and its children held together, sampled every 20 ms."""
    # ru_maxrss of RUSAGE_CHILDREN is the largest descendant so far; each measurement is
    # made in its own grandchild so earlier, bigger children cannot hide a smaller peak.
    code = _SAMPLER + (
        "import resource,subprocess,sys,time,json\n"
        "t=time.perf_counter()\n"
        "done=threading.Event()\n"
        "with open(sys.argv[1],'wb') as out:\n"
        "    child=subprocess.Popen(sys.argv[2:],stdout=out)\n"
        "    watcher=threading.Thread(target=sample,args=(child.pid,done))\n"
        "    watcher.start()\n"
        "    code=child.wait()\n"
        "wall=time.perf_counter()-t\n"
        "done.set(); watcher.join()\n"
        "assert code==0, code\n"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'wall':wall,'cpu':u.ru_utime+u.ru_stime,'peak':u.ru_maxrss/1024,"
        "'rss_sum':peaks['rss_sum']/1024,'pss_sum':peaks['pss_sum']/1024,"
        "'processes':peaks['processes']}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(stdout), *argv], env=env,
                          check=True, capture_output=True, text=True)
    import json

    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _least(measured: list[dict[str, float]]) -> dict[str, float]:
    return {key: min(m[key] for m in measured) for key in measured[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="folder to keep the generated files in")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (least shown)")
    parser.add_argument("--src", type=Path, help="run the package found in this folder")
    args = parser.parse_args()
    prune = shutil.which("prune") or str(Path(sys.executable).with_name("prune"))
    follow_file = _follow_file()
    scratch = Path(tempfile.mkdtemp(prefix="bench-e2e-"))
    folder = args.keep or scratch
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'accounts':>10} {'file':>8} {'floor':>7} {'prune':>7} {'(cpu)':>7} {'ratio':>6}"
          f" {'cpu ratio':>9} {'peak RSS':>9} {'RSS sum':>8} {'PSS sum':>8} {'procs':>5}")
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            path = folder / f"follows-{size}.jsonl"
            if not path.exists():
                follow_file.write(path, size, args.seed)  # type: ignore[attr-defined]
            env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWPRUNE_")}
            env.update(SETTINGS, NO_COLOR="1")
            if args.src is not None:
                env["PYTHONPATH"] = str(args.src.resolve())
            floors, runs = [], []
            for attempt in range(args.repeat):
                floors.append(measure([sys.executable, "-c", FLOOR, str(path)], env,
                                      scratch / "floor.out"))
                # A fresh store each time, as on a first run.
                env["FOLLOWPRUNE_HOME"] = str(scratch / f"home-{size}-{attempt}")
                runs.append(measure([prune, "--from", str(path), "--all", "--dry-run",
                                     "--format", "json", "--as-of", "2026-06-01T12:00:00"],
                                    env, scratch / "prune.json"))
            floor, run = _least(floors), _least(runs)
            print(f"{size:>10,} {path.stat().st_size / 2**20:>6.0f}MB {floor['wall']:>6.2f}s"
                  f" {run['wall']:>6.2f}s {run['cpu']:>6.2f}s {run['wall'] / floor['wall']:>5.1f}x"
                  f" {run['cpu'] / floor['cpu']:>8.1f}x {run['peak']:>7.0f}MB"
                  f" {run['rss_sum']:>6.0f}MB {run['pss_sum']:>6.0f}MB {run['processes']:>5.0f}",
                  flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
