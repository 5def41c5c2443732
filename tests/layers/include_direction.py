#!/usr/bin/env python3
"""Every #include under analyzer/ follows the pipeline: a stage includes only itself and the
stages above it in analyzer/STAGES. Prints each include that runs against the direction.

    tests/layers/include_direction.py [REPO]
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
stages = []  # (name, folder) in order
for line in (root / "analyzer/STAGES").read_text().splitlines():
    if line and not line.startswith("#"):
        name, folder = line.split()[:2]
        stages.append((name, folder.rstrip("/") + "/"))


def stage_of(rel):
    best = None
    for i, (_, folder) in enumerate(stages):
        if rel.startswith(folder) and (best is None or len(folder) > len(stages[best][1])):
            best = i
    return best


include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
bad, files, unstaged = [], 0, []
for path in sorted((root / "analyzer").rglob("*")):
    if path.suffix not in (".h", ".cpp"):
        continue
    rel = path.relative_to(root).as_posix()
    own = stage_of(rel)
    if own is None:
        unstaged.append(rel)
        continue
    files += 1
    text = path.read_text(encoding="utf-8")
    for m in include.finditer(text):
        target = m.group(1)
        if not target.startswith("analyzer/"):
            if "/" in target and not target.startswith("clang-c/"):
                bad.append(f"{rel}: includes {target}, which is outside the staged folders")
            continue
        theirs = stage_of(target)
        if theirs is None:
            bad.append(f"{rel}: includes {target}, which belongs to no stage")
        elif theirs > own:
            line = text.count("\n", 0, m.start()) + 1
            bad.append(f"{rel}:{line}: {stages[own][0]} includes {target} of the later stage "
                       f"{stages[theirs][0]}")
for rel in unstaged:
    bad.append(f"{rel}: in no stage of analyzer/STAGES")
for b in bad:
    print(b)
print(f"include direction: {files} files, {len(stages)} stages, {len(bad)} against the direction",
      file=sys.stderr)
sys.exit(1 if bad else 0)
