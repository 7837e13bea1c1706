"""Refuse Python syntax newer than 3.5 in the addon's own code.

The addon must also run on a stock Odoo 11 server (Python 3.5-3.7), and ruff
can target nothing older than 3.7. Odoo 11's api.guess() also calls
getargspec(), which refuses annotations and keyword-only parameters on model
methods, so those are refused here too.

Usage: python check_py35.py [PATH ...]   (default: the repository, without
tools/, bin/ and .runtime/)
"""
import ast
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP_DIRS = {'.git', '.runtime', 'tools', 'bin', '__pycache__'}


def _problems_in_args(args):
    if args.posonlyargs:
        yield args, 'positional-only parameters (3.8)'
    if args.kwonlyargs:
        yield args, 'keyword-only parameters (refused by Odoo 11 api.guess)'
    for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
        if arg is not None and arg.annotation is not None:
            yield arg, 'annotation (refused by Odoo 11 api.guess)'


def problems(source, filename='<source>'):
    """(line, message) for each construct a 3.5 interpreter would not accept."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.JoinedStr):
            found.append((node, 'f-string (3.6)'))
        elif isinstance(node, ast.AnnAssign):
            found.append((node, 'variable annotation (3.6)'))
        elif isinstance(node, ast.NamedExpr):
            found.append((node, 'assignment expression := (3.8)'))
        elif isinstance(node, ast.Match):
            found.append((node, 'match statement (3.10)'))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            found.extend(_problems_in_args(node.args))
            if getattr(node, 'returns', None) is not None:
                found.append((node, 'return annotation (refused by Odoo 11 api.guess)'))
        elif isinstance(node, ast.comprehension) and node.is_async:
            found.append((node, 'async comprehension (3.6)'))
    return sorted((getattr(node, 'lineno', 0), message) for node, message in found)


def python_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for directory, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for name in sorted(filenames):
                if name.endswith('.py'):
                    yield os.path.join(directory, name)


def main(argv):
    count = 0
    for path in python_files(argv or [ROOT]):
        with open(path, encoding='utf-8') as handle:
            source = handle.read()
        for line, message in problems(source, path):
            print('%s:%d: %s' % (os.path.relpath(path), line, message))
            count += 1
    if count:
        print('check_py35: %d construct(s) a Python 3.5 Odoo 11 server would refuse' % count)
    return 1 if count else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
