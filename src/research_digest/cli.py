"""The ``digest`` command: argument parsing, progress, the summary line and exit codes only.

Exit codes: 0 ok; 1 bad input, record or config (each reported as ``path:line: message``, the
other inputs still processed); 2 usage (argparse); 3 a bug in this tool; 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from research_digest import __version__
from research_digest.config import Config, load_config
from research_digest.errors import DigestError, environment_problem

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class Progress:
    """A progress bar on stderr: redrawn in place on a terminal, a few plain lines otherwise."""

    def __init__(self, label: str, quiet: bool, stream=None):
        # Looked up now, not at import: tests and callers may swap sys.stderr after import.
        stream = stream or sys.stderr
        self.label, self.quiet, self.stream = label, quiet, stream
        self.tty = stream.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int, path: Path) -> None:
        if self.quiet or total < 2:
            return
        now = time.monotonic()
        if done != total and now - self.last < (0.1 if self.tty else 5.0):
            return
        self.last = now
        width = 30
        filled = width * done // total
        line = f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {path.name[:40]}"
        if self.tty:
            self.stream.write("\r\x1b[K" + line + ("\n" if done == total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _report(errors: Sequence[DigestError]) -> None:
    for error in errors:
        print(f"error: {error}", file=sys.stderr)


def _config(args: argparse.Namespace) -> Config:
    return load_config(
        getattr(args, "config", None),
        content_dir=getattr(args, "content", None),
        out_dir=getattr(args, "out", None),
        base_url=getattr(args, "base_url", None),
        site_url=getattr(args, "site_url", None),
        jobs=getattr(args, "jobs", None),
        encoding=getattr(args, "encoding", None),
        page_size=getattr(args, "page_size", None),
    )


def cmd_init(args: argparse.Namespace) -> int:
    from research_digest.init import Starter, init

    target = Path(args.dir)
    defaults = Starter()
    starter = Starter(
        title=args.title or defaults.title,
        description=args.description or defaults.description,
        base_url=args.base_url or defaults.base_url,
    )
    written = init(target, starter, force=args.force)
    if not args.quiet:
        print(
            f"Wrote a starter digest of {len(written)} file(s) into {target}. Next: save a page in "
            f"{target / 'content' / 'sources'}, then run `make site` there.",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    from research_digest import ingest

    config = _config(args)
    started = time.monotonic()
    paths: list[Path] = []
    errors: list[DigestError] = []
    notes: list[str] = []
    for item in args.paths or [str(config.sources_dir)]:
        if "://" in item:
            from research_digest import fetch

            try:
                paths.append(fetch.fetch_to_sources(item, config.sources_dir, notes=notes))
            except DigestError as exc:
                errors.append(exc)
        else:
            paths.append(Path(item))
    result = ingest.run(
        paths,
        config.briefs_dir,
        root=config.content_dir.parent,
        encoding=config.encoding,
        gazetteer_path=config.actors_file if config.actors_file.exists() else None,
        jobs=config.jobs,
        progress=Progress("ingest", args.quiet),
    )
    errors += result.errors
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    _report(errors)
    if not args.quiet:
        print(
            f"Ingested {len(result.written) + len(result.unchanged)} page(s) into {config.briefs_dir} "
            f"({len(result.written)} written, {len(result.unchanged)} unchanged, {len(errors)} error(s)) "
            f"in {time.monotonic() - started:.2f} s",
            file=sys.stderr,
        )
    return EXIT_BAD_INPUT if errors else EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from research_digest.render import build_site

    config = _config(args)
    started = time.monotonic()
    report = build_site(config, search=not args.no_search)
    _report(report.errors)
    if not args.quiet:
        print(
            f"Built {report.pages} page(s) from {report.records} record(s) into {config.out_dir} "
            f"({report.written} written, {report.errors and len(report.errors) or 0} error(s)) "
            f"in {time.monotonic() - started:.2f} s",
            file=sys.stderr,
        )
    return EXIT_BAD_INPUT if report.errors else EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    from research_digest import publish
    from research_digest.render import build_site

    if not args.base_url:
        args.base_url = publish.base_url_for_remote(publish.origin_url(args.remote))
    config = _config(args)
    if not args.no_build:
        report = build_site(config, search=True)
        if report.errors:
            _report(report.errors)
            return EXIT_BAD_INPUT
    problems = publish.search_problems(config.out_dir, config.base_url)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"error: not published: search would not load under {config.base_url}", file=sys.stderr)
        return EXIT_BAD_INPUT
    publish.commit_to_branch(config.out_dir, args.branch, args.remote, push=args.push)
    if not args.quiet:
        print(
            f"Published {config.out_dir} for {config.base_url} to the {args.branch} branch"
            + (
                f" and pushed it to {args.remote}"
                if args.push
                else f" (push it with: git push {args.remote} {args.branch})"
            ),
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from research_digest.serve import serve

    return serve(_config(args), port=args.port, watch=not args.no_watch, quiet=args.quiet, search=not args.no_search)


def cmd_check(args: argparse.Namespace) -> int:
    from research_digest.check import check

    config = _config(args)
    problems = check(config, site=not args.records_only)
    _report(problems)
    if not args.quiet:
        print(
            f"Checked {config.briefs_dir}"
            + ("" if args.records_only else f" and {config.out_dir}")
            + f": {len(problems)} problem(s)",
            file=sys.stderr,
        )
    return EXIT_BAD_INPUT if problems else EXIT_OK


COMMANDS = {
    "init": (
        cmd_init,
        "write a starter digest (settings, content folders, Makefile, Pages workflow) into DIR",
        'digest init my-digest --title "Arctic Briefs"',
    ),
    "ingest": (
        cmd_ingest,
        "turn saved pages (or URLs) into YAML records in content/briefs/",
        "digest ingest                       # every page in content/sources/\n"
        "  digest ingest content/sources/new.html\n"
        "  digest ingest https://www.rsis.edu.sg/rsis-publication/...   # fetch, save, ingest",
    ),
    "build": (
        cmd_build,
        "render the records into a static site in build/",
        "digest build\n  digest build --base-url /digest/ --site-url https://user.github.io",
    ),
    "serve": (cmd_serve, "preview the site on 127.0.0.1 and rebuild when content changes", "digest serve --port 8000"),
    "publish": (
        cmd_publish,
        "build for the GitHub Pages address of the origin remote, check search, commit to gh-pages",
        "digest publish            # /REPO/ from origin's URL\n  digest publish --push --base-url /digest/",
    ),
    "check": (
        cmd_check,
        "validate every record and the built site (links, anchors, ids)",
        "digest check\n  digest check --records-only",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digest",
        description="Turn saved think-tank pages into a browsable, citable static digest site.",
        epilog="Example:\n  digest ingest && digest build && digest serve",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    quiet = argparse.ArgumentParser(add_help=False)
    quiet.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    common = argparse.ArgumentParser(add_help=False, parents=[quiet])
    common.add_argument("--config", metavar="FILE", help="settings file (default: digest.toml if present)")
    common.add_argument("--content", metavar="DIR", help="content directory (default: content)")
    common.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: one per core)")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (func, help_line, example) in COMMANDS.items():
        sub = subs.add_parser(
            name,
            parents=[common] if name != "init" else [quiet],
            help=help_line,
            description=help_line[0].upper() + help_line[1:] + ".",
            epilog=f"Example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(func=func)
        if name == "init":
            sub.add_argument("dir", nargs="?", default=".", metavar="DIR", help="where to write it (default: here)")
            sub.add_argument("--title", help="the digest's title")
            sub.add_argument("--description", help="one sentence on what the digest covers")
            sub.add_argument("--base-url", metavar="PATH", help="path the site is served under (default /)")
            sub.add_argument("--force", action="store_true", help="write into a non-empty directory")
        if name == "ingest":
            sub.add_argument(
                "paths",
                nargs="*",
                metavar="PATH_OR_URL",
                help="page files, directories or http(s) URLs (default: content/sources/)",
            )
            sub.add_argument("--encoding", help="read page dumps in this encoding (e.g. cp1252)")
        if name in ("build", "serve", "check", "publish"):
            sub.add_argument("-o", "--out", metavar="DIR", help="output directory (default: build)")
            sub.add_argument("--base-url", metavar="PATH", help="path the site is served under, e.g. /REPO/")
            sub.add_argument("--site-url", metavar="URL", help="absolute origin for feed and sitemap")
        if name in ("build", "serve"):
            sub.add_argument("--no-search", action="store_true", help="skip the search index")
            sub.add_argument(
                "--page-size",
                type=int,
                metavar="N",
                help="briefs per page on the home and term pages (default 50; 0: one page)",
            )
        if name == "serve":
            sub.add_argument("-p", "--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
            sub.add_argument("--no-watch", action="store_true", help="do not rebuild on change")
        if name == "publish":
            sub.add_argument(
                "--remote", default="origin", help="git remote whose URL gives the base URL (default origin)"
            )
            sub.add_argument("--branch", default="gh-pages", help="branch to commit the site to (default gh-pages)")
            sub.add_argument("--push", action="store_true", help="push the branch to the remote")
            sub.add_argument("--no-build", action="store_true", help="publish the site already in build/ (checked)")
        if name == "check":
            sub.add_argument("--records-only", action="store_true", help="check records, not build/")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    try:
        return args.func(args)
    except DigestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # a full disk or read-only folder is the machine's problem, not a bug
        problem = environment_problem(exc)
        if problem is None:
            return _bug()
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception:  # noqa: BLE001 - the one place that turns a bug into exit 3
        return _bug()


def _bug() -> int:
    """Called inside an ``except`` block: print the traceback and say it is a bug (exit 3)."""
    traceback.print_exc()
    print(
        "digest: internal error (a bug in research-digest); please report it with the traceback above", file=sys.stderr
    )
    return EXIT_BUG


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
