"""The site's own additions keep to what the article and its sources say (issue 16).

One entry point for sitebuild/checks.py: the citation map
(sources/citation_map.py) and the key points' vocabulary (key_point_words.py).
"""

from __future__ import annotations

from sitebuild.check.key_point_words import Vocabulary, check_key_point_words
from sitebuild.problems import Problem
from sitebuild.sources.citation_map import Citation, check_citation_map


def editorial_problems(
    sources: dict[str, str], citations: list[Citation] | None, vocabulary: Vocabulary | None, known_keys: set[str], skip: frozenset[str] = frozenset()
) -> list[Problem]:
    """Every footnote declared in the citation map; every key point in its page's words.

    Pages in `skip` already have a problem in the author's text: a key point
    or citation that no longer matches it would only repeat that problem.
    """
    problems: list[Problem] = []
    # With no readable sources or citation map every key would look unknown: their own problems say why.
    if known_keys and citations is not None:
        problems += [
            problem
            for problem in check_citation_map(sources, citations, known_keys)
            if problem.file.removeprefix("docs/") not in skip and problem.place.split(" [^")[0] not in skip
        ]
    for page, source in sources.items() if vocabulary else ():
        if page not in skip:
            problems += check_key_point_words(page, source, vocabulary)
    return problems
