"""Sphinx configuration for the smartgoals documentation."""

from __future__ import annotations

import importlib.metadata
import os
import sys

# Local extensions (the rules reference is generated from rule metadata).
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "_ext"))

project = "smartgoals"
author = "The smartgoals maintainers"
copyright = "2026, The smartgoals maintainers"
release = importlib.metadata.version("smartgoals")
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "sphinx.ext.mathjax",
    "smartgoals_rules",
    "matplotlib.sphinxext.plot_directive",
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = False

# CI builds offline with -W, where fetching inventories would fail the build;
# set SMARTGOALS_DOCS_INTERSPHINX=1 to link to the Python and attrs docs.
intersphinx_mapping = (
    {
        "python": ("https://docs.python.org/3", None),
        "attrs": ("https://www.attrs.org/en/stable/", None),
    }
    if os.environ.get("SMARTGOALS_DOCS_INTERSPHINX")
    else {}
)

doctest_global_setup = """
from datetime import date
from decimal import Decimal
from fractions import Fraction
import smartgoals
"""

html_theme = "furo"
html_title = "smartgoals"
html_static_path: list[str] = []
exclude_patterns = ["_build"]

# Docstring examples run under pytest --doctest-modules; Sphinx runs the guides'
# explicit ``.. doctest::`` blocks.
doctest_test_doctest_blocks = ""

# The tutorial's charts are drawn at build time from the code shown above them.
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
plot_pre_code = ""
