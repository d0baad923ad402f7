"""A finding's identity that survives edits elsewhere in its file.

Baselines and SARIF ``partialFingerprints`` both need to recognise "the same
finding" in a later run, when lines above it may have been added or removed.
So the fingerprint hashes what the finding is about — its code, the offending
text and a few characters around it — and never its line or column. Two
findings can share a fingerprint (the same slip written twice); callers count
occurrences rather than assume uniqueness.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from budgetcheck import deferred_re
from budgetcheck.findings import Finding

VERSION = "v1"  # bump when the recipe changes: old baselines then match nothing, loudly
CONTEXT = 10  # characters of the line kept on each side of the span
_SPACE = deferred_re.compile(r"\s+")


def fingerprint(finding: Finding) -> str:
    """16 hex digits from the code, the span's text and its nearby context, whitespace ignored."""
    excerpt = finding.excerpt
    if excerpt is None:  # a finding rebuilt from JSON has no excerpt: its message is what we have
        parts = (finding.code, finding.message, "", "")
    else:
        line = excerpt.text
        parts = (
            finding.code,
            line[excerpt.start : excerpt.end],
            line[max(0, excerpt.start - CONTEXT) : excerpt.start],
            line[excerpt.end : excerpt.end + CONTEXT],
        )
    key = "\x1f".join(_SPACE.sub("", part) for part in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def numbered(findings: Iterable[Finding]) -> Iterator[tuple[Finding, str, int]]:
    """Each finding with its fingerprint and occurrence number (1, 2, … among equal path/code/fingerprint)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for finding in findings:
        digest = fingerprint(finding)
        seen[finding.path, finding.code, digest] += 1
        yield finding, digest, seen[finding.path, finding.code, digest]
