"""Which genre each text is checked as: detected from its wording, forced, or given by its part."""

from __future__ import annotations

from dataclasses import dataclass

from budgetcheck.document import Document
from budgetcheck.profiles import Detection, Profile, builtin_profiles, detect


@dataclass(frozen=True)
class Genres:
    """The profiles of a run, or the one profile every text is forced into."""

    profiles: dict[str, Profile] | None = None  # None: the built-in profiles
    forced: str | None = None

    def of(self, doc: Document) -> Detection:
        profiles = self.all()
        if self.forced:
            return Detection(profiles[self.forced], 0, (f"chosen with --profile {self.forced}",))
        if doc.part is not None and doc.part.profile in profiles:
            return Detection(profiles[doc.part.profile], 0, (f"{doc.part.why} of a publication: {doc.part.title or doc.part.kind}",))
        return detect(doc.text, profiles)

    def all(self) -> dict[str, Profile]:
        return self.profiles or builtin_profiles()
