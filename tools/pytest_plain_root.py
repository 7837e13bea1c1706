"""pytest plugin for the tools tests: collect the repository root as a plain
folder, not as a Python package.

The root is the addon: its __init__.py imports the models relatively. pytest
(>= 8) imports every package on the way to a test, and names the root after the
clone's folder, which can be anything (`ci-check` is no Python name): the import
then fails, or loads the addon's models outside Odoo. The tools tests need
neither.
"""
import os

import pytest

ROOT = os.path.realpath(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.hookimpl(tryfirst=True)
def pytest_collect_directory(path, parent):
    if os.path.realpath(str(path)) == ROOT:
        return pytest.Dir.from_parent(parent, path=path)
    return None
