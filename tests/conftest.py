"""Shared test set-up. tests/ mirrors src/dyads/ (tests/nlp/ for dyads.nlp, tests/web/ for dyads.web, ...);
the helpers every folder uses (docs.py: hand-built Docs; floors.py: the quality floors) live here, so
this folder is put on the import path once for all of them."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)
