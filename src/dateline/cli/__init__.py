"""The ``dateline`` command: a thin face over the library.

Each command is one module in this package exposing ``COMMAND`` (its name), ``HELP`` (one line),
``add_arguments(parser)`` and ``run(args) -> int``. Commands are discovered, so adding a command
is adding a module. Exit status: 0 all went well, 1 some input failed (the rest was processed),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from types import ModuleType

from dateline import __version__
from dateline.nlp import ModelNotInstalled
from dateline.resource_files import ResourceError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def discover(prefix: str, name_attribute: str) -> list[ModuleType]:
    """Modules of this package whose file name starts with ``prefix`` and that define
    ``name_attribute``, ``HELP``, ``add_arguments`` and ``run``; sorted by that name."""
    modules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or not info.name.startswith(prefix):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if all(hasattr(module, attribute) for attribute in (name_attribute, "HELP", "add_arguments", "run")):
            modules.append(module)
    return sorted(modules, key=lambda m: getattr(m, name_attribute))


def command_modules() -> list[ModuleType]:
    """All command modules of this package, in name order."""
    return discover("", "COMMAND")


def add_module_parsers(sub, modules: list[ModuleType], name_attribute: str, run_key: str) -> None:
    """One sub-parser per module (named by ``name_attribute``, its docstring as description), with
    the module's ``run`` stored under ``run_key``: shared by the commands and the eval scorers."""
    for module in modules:
        module_parser = sub.add_parser(
            getattr(module, name_attribute),
            help=module.HELP,
            description=module.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(module_parser)
        module_parser.set_defaults(**{run_key: module.run})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Turn dated news articles into a time-resolved, source-linked database of events.",
        epilog="Run 'dateline COMMAND --help' for the options and examples of a command.",
    )
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_module_parsers(sub, command_modules(), "COMMAND", "_run")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args._run(args))
    except (ResourceError, ModelNotInstalled) as error:
        # An installation problem, not an input problem: say what is broken and stop cleanly.
        print(f"dateline: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("dateline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the reader went away: not an error of ours.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
