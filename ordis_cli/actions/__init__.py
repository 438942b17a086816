"""What each command does, one module per command, mirroring ``cli/``.

The rule: ``cli/x.py`` parses and renders; ``actions/x.py`` does the work of ``ordis x``;
everything else is shared vocabulary, subsystems or utilities. Each module here holds its
command's library entry point(s) and the result models its ``--format json`` prints; the
public names are re-exported by ``ordis_cli`` itself (the Python API, SPEC §8).
"""
