"""The one kind of problem every check reports: file, line, what is wrong, and the fix."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the site, said so a maintainer can fix it: one line, all at once."""

    file: str
    place: str
    problem: str
    fix: str
    line: int | None = None
    # The page (under docs/) a problem is about, when its file is another (hooks/citations.yml).
    page: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.place}: {self.problem}. Fix: {self.fix}."
