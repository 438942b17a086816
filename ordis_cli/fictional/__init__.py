"""Fictional but realistic rows for ``ordis sample``: structures and their requests
(``structures``), lots, donors and partners (``donations``); and for ``ordis demo``, the
partners' returned workbooks (``returns``).

Every name, address, e-mail and phone number is made up, and every choice comes from a
``random.Random`` of the seed, so the same seed always gives the same rows. Writing them to
files is the command's own work (``actions/sample.py``).
"""
