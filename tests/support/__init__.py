"""Plain helpers the tests import (`from tests.support.project import Site`); fixtures stay in conftest.py files."""
