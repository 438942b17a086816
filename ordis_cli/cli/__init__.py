"""The command line: thin Typer commands, one module per command: ``cli/x.py`` parses and
renders, ``actions/x.py`` does the work of ``ordis x``."""
