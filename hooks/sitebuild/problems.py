"""The one kind of problem every check reports: file, line, what is wrong, and the fix."""

from dataclasses import dataclass, field, replace


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


def once_for_all_pages(problems: list[Problem], pages: int) -> list[Problem]:
    """A problem on each of the site's `pages` pages, the same but for its file and line (what a
    template writes), as one line at its first page, counting the others. One on some pages only
    is each page's own, and is said for each."""
    alike: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in problems:
        alike.setdefault((problem.place, problem.problem, problem.fix), []).append(problem)
    found = []
    for first, *rest in alike.values():
        if rest and len({p.file for p in (first, *rest)}) == 1 + len(rest) == pages:
            others = f" (and on {len(rest)} other page{'s' * (len(rest) > 1)})"
            found.append(replace(first, problem=first.problem + others))
        else:
            found += [first, *rest]
    return found
