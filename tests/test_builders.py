"""The site builds with the builders that may follow MkDocs 1.6 (BUILDERS.md), and keeps every promise on each.

ProperDocs (MkDocs' maintained fork) runs mkdocs.yml as it is, hook included:
it must write the pages MkDocs writes and stop on a missing section with the
same message. Zensical (Material's successor) runs no hooks: `make build`
checks the content before it (python -m sitebuild check) and finishes the site
after it (python -m sitebuild finish site). The builder-independent tests run
on all three builds: every page and section there, citations rendered, a
security policy and `_headers`, structured data, nothing from another host.
Each builder builds once per session, in a copy of the project, as `make build
BUILDER=...` runs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup
from site_support import ROOT, BuiltSite
from sitebuild.load.project import last_commit_time
from sitebuild.render.zensical import zensical_config

# The article's pages and sections, read as data (not through the hooks' code).
MANIFEST = yaml.safe_load((ROOT / "hooks/manifest.yml").read_text(encoding="utf-8"))
PINS = dict(
    re.findall(
        r"^\s*\"(properdocs|zensical)==([^\"]+)\"",
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
        re.M,
    )
)
PROJECT_FILES = ("mkdocs.yml", "docs", "hooks", "overrides", "includes", "manuscript")
# Elements whose src/href the browser loads (an <a> is only followed when clicked).
LOADING = ("script", "link", "img", "iframe", "source", "audio", "video", "embed", "object")
OWN_HOST = urlparse(
    re.search(
        r"site_url: !ENV \[SITE_URL, \"([^\"]+)\"\]",
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
    )[1]
).netloc
MISSING_SECTION = "## Who Is a Candidate for Ketamine Therapy?\n"


def builder(name: str) -> Path:
    """The builder's executable in this environment, or a failure saying how to get it."""
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        pytest.fail(
            f"No {name} found: make .venv/.ready installs it from requirements.txt (pip install {name}=={PINS[name]})",
            pytrace=False,
        )
    return path


def environment() -> dict[str, str]:
    """Dates from the last commit, as make and the MkDocs build date them, so pages compare byte for byte."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    if "SOURCE_DATE_EPOCH" not in env and (epoch := last_commit_time(ROOT)):
        env["SOURCE_DATE_EPOCH"] = epoch
    return env


def copy_project(target: Path) -> Path:
    for name in PROJECT_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment(),
        capture_output=True,
        text=True,
        check=False,
    )


def mkdocs_build_in(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    return run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            "mkdocs.yml",
            "--strict",
            "--site-dir",
            site_dir,
        ],
        project,
    )


def properdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """As make build runs it: ProperDocs, whose hook checks, finishes and verifies the site."""
    command = [builder("properdocs"), "build", "--strict", "--clean", "-f", "mkdocs.yml"]
    return run([*command, "--site-dir", site_dir], project)


def zensical_build(project: Path) -> subprocess.CompletedProcess[str]:
    """As make build runs it: the content checks, Zensical (into mkdocs.yml's site_dir, site/) from .zensical.yml, then the finishing pass."""
    (project / ".zensical.yml").write_text(
        zensical_config((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    env = {**environment(), "PYTHONPATH": str(project / "hooks")}
    steps = [
        [sys.executable, "-m", "sitebuild", "check"],
        [str(builder("zensical")), "build", "-f", ".zensical.yml", "--clean", "--strict"],
        [sys.executable, "-m", "sitebuild", "finish", "site"],
        [sys.executable, "-m", "sitebuild", "verify", "site"],
    ]
    for command in steps:
        result = subprocess.run(
            command, cwd=project, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            return result
    return result


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("properdocs"))
    result = properdocs_build(project, project / "site")
    if result.returncode != 0:
        pytest.fail(f"properdocs build --strict failed:\n{result.stderr}", pytrace=False)
    return project / "site"


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    result = zensical_build(project)
    if result.returncode != 0:
        pytest.fail(
            f"zensical build --strict failed:\n{result.stdout}{result.stderr}", pytrace=False
        )
    return project / "site"


@pytest.fixture(params=["mkdocs", "properdocs", "zensical"])
def built(request: pytest.FixtureRequest) -> Path:
    return (
        request.getfixturevalue("site").root
        if request.param == "mkdocs"
        else request.getfixturevalue(f"{request.param}_site")
    )


def page_file(site: Path, page: str) -> Path:
    stem = page.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem}/index.html")


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup(page_file(site, page).read_text(encoding="utf-8"), "html.parser")


def test_every_page_of_the_article_is_built(built: Path):
    assert len(MANIFEST["pages"]) >= 10
    missing = [page for page in MANIFEST["pages"] if not page_file(built, page).is_file()]
    assert not missing, f"no page written for {missing}"


def test_every_section_heading_is_on_its_page(built: Path):
    assert len(MANIFEST["sections"]) >= 5
    for section in MANIFEST["sections"]:
        page = soup(built, section["page"])
        for permalink in page.select("a.headerlink"):
            permalink.decompose()
        headings = {
            " ".join(heading.get_text(" ").split())
            for heading in page.select("article h1, article h2")
        }
        assert section["heading"] in headings, (
            f"{section['page']}: no heading {section['heading']!r} among {sorted(headings)}"
        )


def test_no_page_loads_anything_from_another_host(built: Path):
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > len(MANIFEST["pages"]), f"{len(pages)} HTML files: the pages and 404.html"
    for path in pages:
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in html.find_all(LOADING):
            for attribute in ("src", "href", "data"):
                address = urlparse(element.get(attribute) or "")
                assert not address.netloc or address.netloc == OWN_HOST, (
                    f"{path.relative_to(built)}: <{element.name} {attribute}={element[attribute]}>"
                )


def test_properdocs_writes_the_pages_mkdocs_writes(properdocs_site: Path, site: BuiltSite):
    # The same hooks, theme and plugins: only the generator tag names the other program.
    mkdocs_pages = {
        path.relative_to(site.root)
        for path in site.root.rglob("*")
        if path.is_file() and path.suffix != ".gz"
    }
    properdocs_pages = {
        path.relative_to(properdocs_site)
        for path in properdocs_site.rglob("*")
        if path.is_file() and path.suffix != ".gz"
    }
    assert properdocs_pages == mkdocs_pages
    generator = re.compile(r'<meta name=generator content="[^"]*">')
    for page in sorted(mkdocs_pages):
        ours, theirs = (site.root / page).read_bytes(), (properdocs_site / page).read_bytes()
        if page.suffix == ".html":
            ours, theirs = generator.sub("", ours.decode()), generator.sub("", theirs.decode())
        assert ours == theirs, f"{page} differs between MkDocs and ProperDocs"


def test_properdocs_stops_on_a_missing_section_as_mkdocs_does(tmp_path: Path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    treatment = project / "docs/treatment.md"
    text = treatment.read_text(encoding="utf-8")
    assert MISSING_SECTION in text
    treatment.write_text(text.replace(MISSING_SECTION, "", 1), encoding="utf-8")
    properdocs = properdocs_build(project, tmp_path / "properdocs-site")
    mkdocs = mkdocs_build_in(project, tmp_path / "mkdocs-site")
    message = log_lines(properdocs)
    assert properdocs.returncode == 1 and message[:1] == [
        "The article failed its content checks (1 problem); nothing was built:"
    ], message
    assert (
        len(message) == 2
        and message[1].startswith("docs/treatment.md:")
        and "Who Is a Candidate for Ketamine Therapy?" in message[1]
    ), message
    assert mkdocs.returncode == 1 and log_lines(mkdocs) == message
    assert not (tmp_path / "properdocs-site/treatment/index.html").exists()


def log_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """What a build said, without its INFO lines."""
    return [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and not line.startswith("INFO")
    ]


def make_dry_run(*arguments: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("make") is None:
        pytest.fail("No make found: install it (apt-get install make)", pytrace=False)
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("CI", "DEPLOY", "SITE_URL", "BUILDER", "MAKEFLAGS", "MAKELEVEL")
    }
    return subprocess.run(
        ["make", "-n", "build", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("arguments", "command"),
    [
        ((), ".venv/bin/mkdocs build --strict --clean --site-dir site -f mkdocs.yml"),
        (
            ("BUILDER=mkdocs",),
            ".venv/bin/mkdocs build --strict --clean --site-dir site -f mkdocs.yml",
        ),
        (
            ("BUILDER=properdocs",),
            ".venv/bin/properdocs build --strict --clean --site-dir site -f mkdocs.yml",
        ),
        (("BUILDER=zensical",), ".venv/bin/zensical build -f .zensical.yml --clean --strict"),
    ],
    ids=["default", "mkdocs", "properdocs", "zensical"],
)
def test_make_build_runs_the_chosen_builder(arguments: tuple[str, ...], command: str):
    result = make_dry_run(*arguments)
    assert result.returncode == 0, result.stderr
    assert command in result.stdout.splitlines(), result.stdout


def test_make_builds_zensical_from_the_config_this_file_tests():
    lines = make_dry_run("BUILDER=zensical").stdout.splitlines()
    assert ".venv/bin/python -m sitebuild zensical-config" in lines, lines


def test_zensical_reads_mkdocs_yml_with_the_sites_own_extensions():
    config = zensical_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "!relative" not in config and 'base_path: ["."]' in config
    assert (
        "markdown_extensions:\n  - sitebuild.render.faq_headings\n  - sitebuild.render.footnotes\n  - sitebuild.render.page_markup\n"
        in config
    )
    with pytest.raises(ValueError, match="update hooks/sitebuild/render/zensical.py"):
        zensical_config("site_name: x\n")


def test_make_refuses_a_builder_it_does_not_know():
    result = make_dry_run("BUILDER=hugo")
    assert result.returncode != 0 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "BUILDER" in result.stderr and "build" not in result.stdout


def test_the_check_alone_says_what_the_build_says(tmp_path: Path):
    # `python -m sitebuild check` runs every content check with no builder, so Zensical's builds are checked too.
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    treatment = project / "docs/treatment.md"
    treatment.write_text(
        treatment.read_text(encoding="utf-8").replace(MISSING_SECTION, "", 1), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    alone = subprocess.run(
        [sys.executable, "-m", "sitebuild", "check"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    mkdocs = mkdocs_build_in(project, tmp_path / "mkdocs-site")
    assert alone.returncode == 1 and "Traceback" not in alone.stderr
    assert log_lines(alone) == log_lines(mkdocs) and len(log_lines(alone)) == 2, log_lines(alone)
    unchanged = subprocess.run(
        [sys.executable, "-m", "sitebuild", "check"],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        text=True,
    )
    assert (
        unchanged.returncode == 0
        and unchanged.stdout.strip() == "sitebuild check: every content check passed"
    ), unchanged.stderr


def test_make_build_checks_once_in_the_hook_and_before_a_builder_without_hooks():
    check = ".venv/bin/python -m sitebuild check"
    preflight = ".venv/bin/python -m sitebuild preflight"
    for builder in ("mkdocs", "properdocs", "zensical"):
        lines = make_dry_run(f"BUILDER={builder}").stdout.splitlines()
        build = next(i for i, line in enumerate(lines) if f"bin/{builder} build" in line)
        # MkDocs and ProperDocs run the hook, which checks; only mkdocs.yml's YAML is read first.
        first = check if builder == "zensical" else preflight
        assert first in lines and lines.index(first) < build, lines
        assert (check in lines) == (builder == "zensical"), lines


def test_make_finishes_a_zensical_build_after_it_and_a_mkdocs_build_in_its_hook():
    zensical = make_dry_run("BUILDER=zensical").stdout.splitlines()
    finish = ".venv/bin/python -m sitebuild finish site"
    assert finish in zensical and zensical.index(finish) > next(
        i for i, line in enumerate(zensical) if "bin/zensical build" in line
    ), zensical
    for name in ("mkdocs", "properdocs"):
        assert finish not in make_dry_run(f"BUILDER={name}").stdout.splitlines(), (
            f"{name} runs hooks/mkdocs_pipeline.py, which finishes the site"
        )


# --- promises every builder keeps ---------------------------------------------------


def test_citations_are_rendered_as_footnotes_from_the_checked_sources(built: Path):
    for page in MANIFEST["pages"]:
        assert "[^" not in soup(built, page).get_text(), f"{page} shows a raw footnote marker"
    treatment = soup(built, "treatment.md")
    assert treatment.select_one(
        "div.footnote a[href^='https://doi.org/10.1097/AAP.0000000000000808']"
    ), "no citation of the guideline"
    assert soup(built, "glossary.md").find(string=re.compile("N-methyl-D-aspartate")), (
        "the glossary list is empty"
    )
    assert len(soup(built, "faq.md").select("details.question summary h2")) == len(
        MANIFEST["faq"]["questions"]
    ), "FAQ questions are not headings"


def test_every_page_has_its_own_security_policy_and_the_host_gets_headers(built: Path):
    for path in sorted(built.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        policies = page.select('meta[http-equiv="Content-Security-Policy"]')
        assert len(policies) == 1 and "script-src 'self' 'sha256-" in policies[0]["content"], (
            path.relative_to(built)
        )
        assert "unsafe-inline" not in policies[0]["content"].split("script-src")[1].split(";")[0], (
            path.relative_to(built)
        )
        assert page.head.find() == page.select_one("meta[charset]"), (
            f"{path.relative_to(built)}: the policy must follow <meta charset> first thing"
        )
    headers = (built / "_headers").read_text(encoding="utf-8")
    assert (
        "X-Content-Type-Options: nosniff" in headers
        and "Content-Security-Policy: frame-ancestors 'none'" in headers
    )
    assert (built / "robots.txt").read_text(encoding="utf-8").startswith("User-agent: *")


def test_article_pages_carry_structured_data_a_review_line_and_a_social_card(built: Path):
    for page in MANIFEST["pages"]:
        html = soup(built, page)
        data = json.loads(html.select_one('script[type="application/ld+json"]').string)
        assert data["@type"] in ("MedicalWebPage", "WebPage") and data["url"].endswith(
            page_file(Path(""), page).as_posix().removesuffix("index.html")
        )
        assert html.select_one("article h1 + p.page-review time[datetime]"), (
            f"{page}: no review line under its title"
        )
        card = html.select_one('meta[property="og:image"]')["content"].rsplit("/", 1)[1]
        assert (built / "assets/images/social" / card).read_bytes()[:4] == b"\x89PNG", (
            f"{page}: no social card {card}"
        )
    # No FAQPage: the author's answers are not handed to search engines as accepted answers.
    assert (
        json.loads(soup(built, "faq.md").select_one('script[type="application/ld+json"]').string)[
            "@type"
        ]
        == "MedicalWebPage"
    )


def test_the_sites_own_stylesheet_and_script_are_inline(built: Path):
    faq = soup(built, "faq.md")
    assert ".md-banner .disclaimer" in " ".join(style.get_text() for style in faq.select("style"))
    assert not [
        link["href"] for link in faq.select("link[rel=stylesheet]") if "extra" in link["href"]
    ]
    assert (
        not (built / "assets/stylesheets/extra.css").exists()
        and not (built / "assets/javascripts/extra.js").exists()
    )


def test_zensical_builds_refuse_a_site_that_lost_a_section_as_mkdocs_does(tmp_path: Path):
    # MkDocs and ProperDocs: test_properdocs_stops_on_a_missing_section_as_mkdocs_does.
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    treatment = project / "docs/treatment.md"
    treatment.write_text(
        treatment.read_text(encoding="utf-8").replace(MISSING_SECTION, "", 1), encoding="utf-8"
    )
    result = zensical_build(project)
    lines = log_lines(result)
    assert (
        result.returncode == 1
        and lines[0] == "The article failed its content checks (1 problem); nothing was built:"
    ), lines
    assert (
        "Who Is a Candidate for Ketamine Therapy?" in lines[1]
        and not (project / "site/treatment/index.html").exists()
    )


def sitebuild(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**environment(), "PYTHONPATH": str(project / "hooks")}
    return subprocess.run(
        [sys.executable, "-m", "sitebuild", *arguments],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_finishing_a_finished_site_again_is_refused_and_changes_nothing(zensical_site: Path):
    before = {path: path.read_bytes() for path in zensical_site.rglob("*") if path.is_file()}
    result = sitebuild(zensical_site.parent, "finish", "site")
    assert result.returncode == 1 and result.stderr.splitlines() == [
        "The built site cannot be finished (1 problem); the site folder was left as it was:",
        "site: folder: is finished already. Fix: build the site again before finishing it.",
    ], result.stderr
    assert {
        path: path.read_bytes() for path in zensical_site.rglob("*") if path.is_file()
    } == before


@pytest.mark.parametrize("breakage", ["malformed", "missing"])
def test_a_broken_mkdocs_yml_is_one_line_for_the_command_line_steps(tmp_path: Path, breakage: str):
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    if breakage == "missing":
        config.unlink()
    else:
        config.write_text(config.read_text(encoding="utf-8") + "nav: [\n", encoding="utf-8")
    for command in (("check",), ("finish", "site"), ("verify", "site")):
        result = sitebuild(project, *command)
        lines = result.stderr.splitlines()
        assert result.returncode == 1 and len(lines) == 1 and "Traceback" not in result.stderr, (
            lines
        )
        assert lines[0].startswith("mkdocs.yml: ") and lines[0].endswith(
            ". Fix: correct it, or restore it from git."
        ), lines


def test_verify_passes_on_every_builders_site(built: Path):
    # make build runs it after each builder (hooks/sitebuild/finish/verify.py).
    result = sitebuild(ROOT, "verify", str(built))
    said = f"sitebuild verify: {built} keeps every promise\n"
    assert result.returncode == 0 and result.stdout == said, result.stderr
    assert (built / "index.html").is_file() and (built / "_headers").is_file()


def test_a_zensical_build_is_verified_after_it_is_finished(tmp_path: Path):
    # Zensical runs no hook: the last step of make build, verify, is what refuses this site.
    project = copy_project(tmp_path)
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
    (project / "docs/assets/images/chart.svg").write_text(svg, encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert log_lines(result)[-2:] == [
        "The built site failed verification (1 problem); the site folder was emptied: nothing to publish:",
        "site/assets/images/chart.svg:1: <script>: an SVG may not carry a script. Fix: remove the script from the SVG under docs/, or the SVG itself.",
    ]
    assert not any((project / "site").iterdir())
