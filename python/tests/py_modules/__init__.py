"""Python modules of functions used by test_python_nodes.py and test_parity_decorators.py."""
