CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    run_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    cancelled_at TEXT,
    policy TEXT NOT NULL,
    version TEXT NOT NULL,
    out_dir TEXT,
    shipments INTEGER NOT NULL DEFAULT 0,
    units INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS run_files (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    role TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (run_id, role)
);
-- Format 3 added to shipments: ``gap``, why a line closed short was (NULL: the difference
-- goes back to the lot; 'perdu' or 'hors service': written off), and ``cancelled_at``, a
-- line cancelled on its own (shipments cancel).
CREATE TABLE IF NOT EXISTS shipments (
    id TEXT PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    lot_id TEXT NOT NULL,
    structure_id TEXT NOT NULL,
    departement TEXT NOT NULL,
    donor TEXT NOT NULL,
    donor_type TEXT,
    device TEXT NOT NULL,
    counted_as TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    shipper TEXT NOT NULL,
    round TEXT NOT NULL,
    distance_km REAL NOT NULL,
    delivered_on TEXT,
    delivered_quantity INTEGER CHECK (delivered_quantity IS NULL OR delivered_quantity >= 0),
    comment TEXT,
    delivery_recorded_at TEXT,
    gap TEXT CHECK (gap IS NULL OR gap IN ('perdu', 'hors service')),
    cancelled_at TEXT
);
CREATE INDEX IF NOT EXISTS shipments_by_run ON shipments (run_id);
-- The latest needs and lots, without names, addresses or contacts: what reports need.
CREATE TABLE IF NOT EXISTS needs (
    structure_id TEXT PRIMARY KEY,
    departement TEXT NOT NULL,
    type_structure TEXT,
    priority TEXT NOT NULL,
    internet INTEGER,
    requested_on TEXT,
    nb_enfants INTEGER,
    portable INTEGER NOT NULL,
    fixe INTEGER NOT NULL,
    tablette INTEGER NOT NULL,
    box_4g INTEGER NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs (id)
);
CREATE TABLE IF NOT EXISTS lots (
    id TEXT PRIMARY KEY,
    donor TEXT NOT NULL,
    donor_type TEXT,
    device TEXT,
    quantity INTEGER,
    departement TEXT,
    shipper TEXT,
    available_on TEXT,
    amount_eur REAL,
    run_id INTEGER NOT NULL REFERENCES runs (id)
);
-- Where a run's workbooks go, so that ledger and folders agree: a run is recorded with its
-- outputs 'writing' (their staging folder named here), then 'written' once the folder is in
-- place; a run interrupted in between is found by the next allocate, which cancels it and
-- removes its staging folder ('abandoned'). Run ids are never reused (AUTOINCREMENT).
CREATE TABLE IF NOT EXISTS run_outputs (
    run_id INTEGER PRIMARY KEY REFERENCES runs (id),
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    staging TEXT NOT NULL,
    out_dir TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('writing', 'written', 'abandoned'))
);
-- Structures and lots retired by a run (allocate --retire-missing): known to the ledger,
-- absent from that run's files; their remaining need or stock leaves the figures.
CREATE TABLE IF NOT EXISTS retired (
    kind TEXT NOT NULL CHECK (kind IN ('structure', 'lot')),
    id TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    PRIMARY KEY (kind, id)
);
