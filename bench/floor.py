"""The floor a checker is measured against: read and decode every file, run one amount regex.

Usage: python bench/floor.py FOLDER   (prints the number of files and amounts found)

No checking, no reporting: what any tool that looks at the money in these texts must
at least do. bench/run.py times budgetcheck against it.
"""

from __future__ import annotations

import os
import re
import sys

AMOUNT = re.compile(r"\d[\d,，]*(?:\.\d+)?\s?(?:千|万|百万|千万|亿)?元")


def main(folder: str) -> None:
    files = amounts = 0
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(root, name), "rb") as handle:
                data = handle.read()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("gb18030")
            files += 1
            amounts += len(AMOUNT.findall(text))
    print(f"{files} files, {amounts} amounts")


if __name__ == "__main__":
    main(sys.argv[1])
