#include "internal/Schema.h"

#include "internal/Database.h"
#include "tessera/catalog/Catalog.h"

#include <array>

namespace tessera::internal {

namespace {

// Ids are AUTOINCREMENT so a deleted segment's, cell's or version's id is never reused: undo
// history and job payloads may still name it.
// Migration N takes the schema from version N to N + 1. Never edit a released migration:
// append a new one, so every older project upgrades along the same path.
constexpr const char* kMigrationTo1 = R"sql(
CREATE TABLE project (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL DEFAULT '',
    fps_num INTEGER NOT NULL DEFAULT 30 CHECK (fps_num > 0),
    fps_den INTEGER NOT NULL DEFAULT 1 CHECK (fps_den > 0),
    width INTEGER NOT NULL DEFAULT 1920 CHECK (width > 0 AND width % 2 = 0),
    height INTEGER NOT NULL DEFAULT 1080 CHECK (height > 0 AND height % 2 = 0),
    audio_path TEXT NOT NULL DEFAULT '',
    audio_hash TEXT NOT NULL DEFAULT '',
    ocio_config TEXT NOT NULL DEFAULT '',
    working_space TEXT NOT NULL DEFAULT '',
    display TEXT NOT NULL DEFAULT '',
    view TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    style_prompt TEXT NOT NULL DEFAULT '',
    negative_prompt TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
    end_ms INTEGER NOT NULL,
    lyric TEXT NOT NULL DEFAULT '',
    prompt TEXT NOT NULL DEFAULT '',
    seed INTEGER NOT NULL DEFAULT 0 CHECK (seed >= 0 AND seed <= 4294967295),
    grid_rows INTEGER NOT NULL CHECK (grid_rows BETWEEN 1 AND 64),
    grid_cols INTEGER NOT NULL CHECK (grid_cols BETWEEN 1 AND 64),
    axis_x TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(axis_x)),
    axis_y TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(axis_y)),
    transition TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(transition)),
    CHECK (end_ms > start_ms)
);
CREATE INDEX segments_by_start ON segments(start_ms);

CREATE TABLE cells (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    row INTEGER NOT NULL CHECK (row >= 0),
    col INTEGER NOT NULL CHECK (col >= 0),
    state TEXT NOT NULL DEFAULT 'empty'
        CHECK (state IN ('empty', 'queued', 'generating', 'done', 'rejected', 'locked')),
    -- Deferred: a cell and its first version refer to each other within one transaction.
    active_version_id INTEGER REFERENCES versions(id) ON DELETE SET NULL
        DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (segment_id, row, col)
);

CREATE TABLE versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cell_id INTEGER NOT NULL REFERENCES cells(id) ON DELETE CASCADE,
    image_png BLOB NOT NULL,
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    recipe TEXT NOT NULL CHECK (json_valid(recipe)),
    generation_ms INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX versions_by_cell ON versions(cell_id);

CREATE TABLE grades (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL CHECK (scope IN ('project', 'segment', 'cell')),
    segment_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,
    cell_id INTEGER REFERENCES cells(id) ON DELETE CASCADE,
    exposure_stops REAL NOT NULL DEFAULT 0,
    gamma REAL NOT NULL DEFAULT 1 CHECK (gamma > 0),
    saturation REAL NOT NULL DEFAULT 1 CHECK (saturation >= 0),
    CHECK ((scope = 'project' AND segment_id IS NULL AND cell_id IS NULL)
        OR (scope = 'segment' AND segment_id IS NOT NULL AND cell_id IS NULL)
        OR (scope = 'cell' AND cell_id IS NOT NULL AND segment_id IS NULL))
);
CREATE UNIQUE INDEX grades_project ON grades(scope) WHERE scope = 'project';
CREATE UNIQUE INDEX grades_segment ON grades(segment_id) WHERE scope = 'segment';
CREATE UNIQUE INDEX grades_cell ON grades(cell_id) WHERE scope = 'cell';

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled')),
    done_units INTEGER NOT NULL DEFAULT 0 CHECK (done_units >= 0),
    total_units INTEGER NOT NULL DEFAULT 0 CHECK (total_units >= 0),
    error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE exports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    preset TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    state TEXT NOT NULL DEFAULT 'running'
        CHECK (state IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled')),
    error TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    finished_at TEXT
);

INSERT INTO project (id) VALUES (1);
)sql";

// 2: stems (extra audio aligned to the song that can drive features), the analysis cache keyed
// by audio content hash, and word timing on segments.
constexpr const char* kMigrationTo2 = R"sql(
CREATE TABLE stems (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE CHECK (name != ''),
    path TEXT NOT NULL,
    hash TEXT NOT NULL DEFAULT ''
);

CREATE TABLE analysis_cache (
    audio_hash TEXT NOT NULL,
    key TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (audio_hash, key)
);

ALTER TABLE segments ADD COLUMN words TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(words));
)sql";

// 3: render settings (frame fit, the video's display, captions) as one JSON document, so the
// compositor's options can grow without a migration each.
constexpr const char* kMigrationTo3 = R"sql(
ALTER TABLE project ADD COLUMN render TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(render));
)sql";

// 4: the project's LoRAs and textual-inversion embeddings (ProjectSettings::addOnsJson), one JSON
// document like the render settings.
constexpr const char* kMigrationTo4 = R"sql(
ALTER TABLE project ADD COLUMN model_add_ons TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(model_add_ons));
)sql";

// 5: grids up to 128x128 (widenGridLimit below changes the CHECK of segments first), and each
// version's small preview and coherence signature (VersionPreview.h), made when the version is
// stored, so a 10,000-cell grid is browsed and scored without decoding its full images. Versions
// stored before have none: readers make theirs from the full image.
constexpr const char* kMigrationTo5 = R"sql(
CREATE TABLE version_previews (
    version_id INTEGER PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
    signature BLOB NOT NULL, -- before the preview, which overflows: read without walking it
    preview_png BLOB NOT NULL
);
-- What a grid view reads of each active version, without the row: its image comes first and
-- fills overflow pages that SQLite walks to reach the columns stored after it.
CREATE INDEX versions_overview ON versions(id, width, height, recipe);
)sql";

// 6: the optical flow between neighbouring cells' images (motion's FlowField::encode), keyed by
// the two versions: estimated once, when the compositor first morphs between them; a new version
// has new keys, and a deleted version takes its flows with it. And each segment's camera moves
// (CameraMotion), one JSON document like its axes.
constexpr const char* kMigrationTo6 = R"sql(
ALTER TABLE segments ADD COLUMN camera TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(camera));
CREATE TABLE cell_flows (
    from_version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    to_version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    flow BLOB NOT NULL,
    PRIMARY KEY (from_version_id, to_version_id)
) WITHOUT ROWID;
CREATE INDEX cell_flows_to ON cell_flows(to_version_id);
)sql";

// 7: each version's image upscaled by a super-resolution network (ESRGAN) for an export bigger
// than its cells, made once per scale and network; a deleted version takes them with it, and a
// new version (a regenerate) has none, so an upscale is never of an older image.
constexpr const char* kMigrationTo7 = R"sql(
CREATE TABLE version_upscales (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    scale INTEGER NOT NULL CHECK (scale >= 2),
    network TEXT NOT NULL,
    image_png BLOB NOT NULL,
    PRIMARY KEY (version_id, scale, network)
) WITHOUT ROWID;
)sql";

constexpr std::array<const char*, Catalog::kSchemaVersion> kMigrations{
    {kMigrationTo1, kMigrationTo2, kMigrationTo3, kMigrationTo4, kMigrationTo5, kMigrationTo6, kMigrationTo7}};

//! Raises segments' grid limit from 64 to 128 a side in place. SQLite cannot alter a CHECK
//! constraint, and rebuilding the table would need foreign keys off (impossible inside the
//! migration's transaction; with them on, dropping segments cascades to every cell). A looser
//! CHECK changes nothing stored, so SQLite's documented in-place procedure for such changes
//! applies (lang_altertable.html, "making other kinds of table schema changes"): edit the table's
//! SQL in sqlite_schema and bump schema_version, all in the open transaction.
void widenGridLimit(Database& db)
{
    const qint64 schemaVersion = db.queryInt("PRAGMA schema_version");
    db.exec("PRAGMA writable_schema = ON");
    db.exec("UPDATE sqlite_schema SET sql = replace(sql, 'BETWEEN 1 AND 64)', 'BETWEEN 1 AND 128)')"
            " WHERE type = 'table' AND name = 'segments'");
    const QByteArray bump = "PRAGMA schema_version = " + QByteArray::number(schemaVersion + 1);
    db.exec(bump.constData());
    db.exec("PRAGMA writable_schema = OFF");
}

} // namespace

void migrate(Database& db)
{
    const qint64 from = db.queryInt("PRAGMA user_version");
    for (qint64 version = from; version < Catalog::kSchemaVersion; ++version) {
        if (version == 4)
            widenGridLimit(db);
        db.exec(kMigrations[std::size_t(version)]);
        const QByteArray setVersion = "PRAGMA user_version = " + QByteArray::number(version + 1);
        db.exec(setVersion.constData());
    }
}

} // namespace tessera::internal
