"""How xmfacts holds up as a newsroom's fact base grows: synthetic bases of 10k, 100k, 1M facts.

Each base is made by varying the real facts (same fields and kinds of labels; other cities,
districts and sectors mixed into labels, quotes and entities; figures scaled), written as
several hundred topic files of 50–2,000 facts, valid under ``xmfacts validate``. For each size
it prints, side by side: the first build (the first command after the files appear), the
re-index after editing one topic file, warm ``search 授信 --json``, warm ``search 授信`` as a
table, warm ``show ID --json``, ``check`` of a 2,000-character text, the peak memory of
those processes, the index's size on disk, and ``rg -n 授信`` (or ``grep -rn``) over the same
files. One whole process per command, as a reporter runs it. Usage:

    python benchmarks/scale.py [SIZE ...]        # default: 10000 100000
    python benchmarks/scale.py --keep DIR 1000000

With ``--keep DIR`` each base and its index stay in DIR (facts-SIZE, cache-SIZE) and a later
run reuses them: a million facts are generated and indexed once, and "first build" then says
the index was reused.
"""

from __future__ import annotations

import compileall
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli_w

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "facts"
CITIES = "厦门 福州 泉州 漳州 莆田 宁德 龙岩 三明 南平 深圳 杭州 苏州 合肥 成都 武汉".split()
DISTRICTS = "思明 湖里 集美 海沧 同安 翔安 鼓楼 台江 仓山 晋江 石狮 南安 龙文 芗城".split()
SECTORS = "新能源 生物医药 半导体 平板显示 软件信息 新材料 文旅创意 海洋高新 航空维修 物流 跨境电商 绿色金融".split()
SECTORS_EN = "new energy|biomedicine|semiconductors|flat-panel display|software|new materials|creative industries|marine tech|aviation maintenance|logistics|cross-border e-commerce|green finance".split("|")
REPEATS = 3  # warm runs per command; the median is printed
QUERY = "授信"
# The searches issue 25 sets a target for (1-4 Chinese characters, a pinyin word, an English
# word, a figure), and a few of many words: each a whole process, --json, the median of REPEATS.
SEARCHES = ("厦", "授信", "上市公司", "科学城面积", "xinyidai", "shangshi", "listed", "investment", "1141", "68家",
            "listed companies", "天马厦门投资", "天马 投资 金额 总计")


def _templates() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    out = []
    for path in sorted(FACTS.glob("*.toml")):
        if path.name == "sources.toml":
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        out.extend((data["topic"], f) for f in data["fact"])
    return out


def _vary(fact: dict[str, Any], n: int, rng: random.Random) -> dict[str, Any]:
    city, district, s = rng.choice(CITIES), rng.choice(DISTRICTS), rng.randrange(len(SECTORS))
    new = dict(fact)
    new["id"] = f"{fact['id']}-{n}"
    new["label"] = f"{city}{district}{SECTORS[s]}" + fact["label"].replace("厦门", "")
    new["label_en"] = f"{fact['label_en']} ({SECTORS_EN[s]}, {district} district)"
    new["quote"] = fact["quote"].replace("厦门", city)
    if fact.get("entity") == "厦门市":
        new["entity"] = f"{city}市"
    for key in ("value", "lower", "upper"):
        if isinstance(fact.get(key), int):
            new[key] = max(1, int(fact[key] * rng.uniform(0.3, 3)))
        elif isinstance(fact.get(key), float):
            places = max(0, -Decimal(str(fact[key])).as_tuple().exponent)  # type: ignore[operator]
            new[key] = round(fact[key] * rng.uniform(0.3, 3), places) or fact[key]
    if "lower" in new and "upper" in new and new["lower"] > new["upper"]:
        new["lower"], new["upper"] = new["upper"], new["lower"]
    new["tags"] = [*fact.get("tags", []), SECTORS[s]]
    return new


def generate(target: Path, size: int) -> None:
    rng = random.Random(size)
    templates = _templates()
    per_file = max(50, min(2000, size // 200))
    target.mkdir(parents=True)
    shutil.copy(FACTS / "sources.toml", target / "sources.toml")
    made = 0
    number = 0
    while made < size:
        count = min(per_file, size - made)
        topic, _ = templates[number % len(templates)]
        facts = [_vary(fact, made + i, rng) for i, (_, fact) in enumerate(rng.choice(templates) for _ in range(count))]
        body = {"topic": {"title": f"{topic['title']}{number}", "title_en": f"{topic['title_en']} {number}"}, "fact": facts}
        (target / f"topic-{number:04d}.toml").write_text(tomli_w.dumps(body), encoding="utf-8")
        made += count
        number += 1


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak resident memory (KiB) and exit code of one whole process.

    Its output is read through a pipe, as a reader or a script reads it: GNU grep writing to
    /dev/null stops at its first match, which would make it look a hundred times faster.
    """
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if stdin:
        assert process.stdin is not None
        process.stdin.write(stdin.encode("utf-8"))
        process.stdin.close()
    assert process.stdout is not None
    while process.stdout.read(1 << 16):
        pass
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss, process.returncode


def measure(size: int, work: Path, keep: bool = False) -> dict[str, str]:
    base = work / f"facts-{size}"
    cache = work / f"cache-{size}"
    reused = keep and base.is_dir() and any(cache.glob("factbase-*.sqlite"))
    if not (keep and base.is_dir()):
        t = time.perf_counter()
        generate(base, size)
        print(f"  {size:,} facts generated in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    xmfacts = shutil.which("xmfacts") or sys.exit("xmfacts is not installed in this environment")
    env = {**os.environ, "XMFACTS_FACTS": str(base), "XMFACTS_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("XMFACTS_NO_CACHE", None)
    first = next(iter(sorted(base.glob("topic-0000.toml"))))
    an_id = f"topic-0000/{tomllib.loads(first.read_text(encoding='utf-8'))['fact'][0]['id']}"
    text = (ROOT / "tests" / "drafts" / "draft.md").read_text(encoding="utf-8")
    article = "".join(p.read_text(encoding="utf-8") for p in sorted(Path(ROOT.parent / "shared" / "sources").glob("*.txt")))
    claim = (text + article)
    claim = (claim * (2000 // len(claim) + 1))[:2000]  # without the article beside the repo: the draft, repeated
    peaks = {"build": 0, "lookup": 0, "check": 0}  # KiB: building the index, search and show, check

    def timed(*args: str, stdin: str | None = None, repeat: int = REPEATS, kind: str = "lookup") -> float:
        times = []
        for _ in range(repeat):
            seconds, rss, _ = run([xmfacts, *args], env, stdin)
            times.append(seconds)
            peaks[kind] = max(peaks[kind], rss)
        return statistics.median(times)

    build = timed("show", an_id, "--json", repeat=1, kind="build")
    edited = base / "topic-0001.toml"
    text = edited.read_text(encoding="utf-8")
    # one label changed (and changed back on the next run of a kept base)
    text = text.replace('label = "新', 'label = "', 1) if 'label = "新' in text else text.replace('label = "', 'label = "新', 1)
    edited.write_text(text, encoding="utf-8")
    reindex = timed("show", an_id, "--json", repeat=1, kind="build")
    row = {
        "facts": f"{size:,}",
        "first build": "reused" if reused else f"{build:.1f} s",
        "re-index one file": f"{reindex:.2f} s",
        f"search {QUERY} --json": f"{timed('search', QUERY, '--json'):.2f} s",
        f"search {QUERY} (table)": f"{timed('search', QUERY):.2f} s",
        "show ID --json": f"{timed('show', an_id, '--json'):.2f} s",
        "check 2,000 chars": f"{timed('check', '-', stdin=claim, repeat=1, kind='check'):.2f} s",
    }
    # the build's own process; its worker processes (one per core) are not counted here
    row["peak memory: build / search, show / check"] = " / ".join(f"{peaks[k] / 1024:.0f}" for k in ("build", "lookup", "check")) + " MB"
    row["index size"] = f"{sum(p.stat().st_size for p in cache.glob('factbase-*')) / 2**20:.0f} MB"
    for words in SEARCHES:
        row[f"search {words}"] = f"{timed('search', *words.split(), '--json'):.2f} s"
    grep = ["rg", "-n", QUERY, str(base)] if shutil.which("rg") else ["grep", "-rn", QUERY, str(base)]
    times = [run(grep, env)[0] for _ in range(REPEATS)]
    row[f"{grep[0]} -n {QUERY}"] = f"{statistics.median(times):.3f} s"
    if not keep:
        shutil.rmtree(base)
        shutil.rmtree(cache)
    return row


def main() -> None:
    args = sys.argv[1:]
    keep = None
    if args[:1] == ["--keep"] and len(args) >= 2:
        keep, args = Path(args[1]), args[2:]
    sizes = [int(a.replace(",", "").replace("_", "")) for a in args] or [10_000, 100_000]
    # as benchmarks/startup.py: byte-code as pip leaves an installed package, not a module
    # compiled again on every run of an editable checkout under PYTHONDONTWRITEBYTECODE
    import xmfacts as package

    compileall.compile_dir(os.path.dirname(package.__file__), quiet=1)
    rows = []
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        rows = [measure(size, keep, keep=True) for size in sizes]
    else:
        with tempfile.TemporaryDirectory(prefix="xmfacts-scale-") as work:
            for size in sizes:
                rows.append(measure(size, Path(work)))
    searches = ["facts", *(f"search {w}" for w in SEARCHES)]
    keys = [k for k in rows[0] if k not in searches[1:]]
    for columns in (keys, searches):
        print("| " + " | ".join(columns) + " |")
        print("|" + "---|" * len(columns))
        for r in rows:
            print("| " + " | ".join(r[k] for k in columns) + " |")
        print()


if __name__ == "__main__":
    main()
