"""The weekly figures for the press and the team, from the ledger: ``figures`` computes them,
``render`` gives the templates their values, ``charts`` draws the SVG charts,
``regions_map`` the map of the régions (outlines in ``data/regions_map.csv``, built from IGN
ADMIN EXPRESS by ``map_build``), ``workbook`` writes the XLSX report, ``donor`` one donor's
page (``report --donor``), ``escape`` makes names from the data inert in each format and
``words`` holds the reports' wording in French and English. The entry points of
``ordis report`` are in ``actions/report.py``."""
