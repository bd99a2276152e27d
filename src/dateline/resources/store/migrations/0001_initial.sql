-- 0001_initial: the first dateline store schema.
-- Every table keeps the evidence: spans are (start, end) into articles.text, end exclusive.

-- One row per stored article; content_hash lets a rerun skip it before any NLP and lets the same
-- text under a second name be recognised.  num_events is the number of mentions written with it,
-- so a reader can check that no article is half-written.  complete is 0 when the pipeline reported
-- a failure for the article: a rerun analyses it again instead of skipping it.
CREATE TABLE articles (
    id                    TEXT PRIMARY KEY,
    content_hash          TEXT NOT NULL,
    origin                TEXT NOT NULL,
    title                 TEXT,
    url                   TEXT,
    source                TEXT,
    source_key            TEXT NOT NULL,
    metadata_date         TEXT,
    reference_date        TEXT,
    reference_date_source TEXT NOT NULL,
    dateline_place        TEXT,
    dateline_agency       TEXT,
    dateline_date         TEXT,
    language              TEXT NOT NULL,
    skipped               INTEGER NOT NULL DEFAULT 0,
    warnings              TEXT NOT NULL DEFAULT '[]',
    num_events            INTEGER NOT NULL,
    complete              INTEGER NOT NULL DEFAULT 1,
    text                  TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_reference_date ON articles(reference_date);

-- Sentences carry the full-text index; rowid is the FTS5 content rowid.
CREATE TABLE sentences (
    rowid      INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (article_id, idx)
);

CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='rowid');
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

-- Resolved actors, one row per distinct (name, country, sector).
CREATE TABLE actors (
    id      INTEGER PRIMARY KEY,
    key     TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    country TEXT,
    sector  TEXT
);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
CREATE INDEX actors_country_sector ON actors(country, sector);

CREATE TABLE places (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    geonameid INTEGER,
    lat       REAL,
    lon       REAL,
    country   TEXT
);
CREATE INDEX places_name ON places(name COLLATE NOCASE);

-- Merged events: one real-world event reported by one or more mentions.
-- date_start/date_end is the interval of the best date (ISO days, end exclusive), the sort key.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    plover_type    TEXT NOT NULL,
    plover_mode    TEXT,
    cameo          TEXT NOT NULL,
    cameo_root     TEXT NOT NULL,
    modality_class TEXT NOT NULL,
    modality       TEXT NOT NULL,
    place_id       INTEGER REFERENCES places(id),
    date_value     TEXT,
    date_precision TEXT NOT NULL,
    date_mod       TEXT,
    date_start     TEXT,
    date_end       TEXT,
    precision_rank INTEGER NOT NULL,
    num_mentions   INTEGER NOT NULL,
    num_sources    INTEGER NOT NULL,
    num_articles   INTEGER NOT NULL,
    first_seen     TEXT,
    last_seen      TEXT,
    confidence     REAL NOT NULL,
    summary        TEXT NOT NULL,
    -- the mention the summary, type and codes come from (the most confident, the earliest of ties)
    representative_id INTEGER,
    -- {"[value, precision, mod]": count} of the mentions' times: the best date is chosen among
    -- distinct values, so adding a mention to a much-reported event costs the same as to a new one
    time_groups    TEXT NOT NULL DEFAULT '{}'
);
-- The timeline order; modality class and type ride along so that filtering a walk of the
-- timeline by them needs no table lookups.
CREATE INDEX events_date ON events(date_start, precision_rank, modality_class, plover_type);
-- Events starting before a date range but running into it are found per precision rank, each
-- rank with its own bounded look-back (a month starts at most 31 days earlier).
CREATE INDEX events_rank_date ON events(precision_rank, date_start);
CREATE INDEX events_type_date ON events(plover_type, date_start);
CREATE INDEX events_modality_date ON events(modality_class, date_start);

-- Participants of merged events, for actor queries.
CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    PRIMARY KEY (event_id, role, actor_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_actor ON event_actors(actor_id, event_id);

-- The blocking index of incremental merging: (type key, participants key, time bucket) -> event.
CREATE TABLE event_blocks (
    block    TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (block, event_id)
) WITHOUT ROWID;
CREATE INDEX event_blocks_event ON event_blocks(event_id);

-- Distinct sources of each event, so that num_sources is kept up to date one mention at a time.
CREATE TABLE event_sources (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source_key TEXT NOT NULL,
    PRIMARY KEY (event_id, source_key)
) WITHOUT ROWID;

-- A planned event and the event that realised it stay two facts, linked both ways.
CREATE TABLE event_links (
    from_event INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    to_event   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    relation   TEXT NOT NULL CHECK (relation IN ('plans', 'realises')),
    PRIMARY KEY (from_event, to_event, relation)
) WITHOUT ROWID;
CREATE INDEX event_links_to ON event_links(to_event);

-- Event mentions: every field of EventMention, spans included.
CREATE TABLE mentions (
    id                 INTEGER PRIMARY KEY,
    article_id         TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal            INTEGER NOT NULL,
    trigger            TEXT NOT NULL,
    trigger_start      INTEGER NOT NULL,
    trigger_end        INTEGER NOT NULL,
    plover_type        TEXT NOT NULL,
    plover_mode        TEXT,
    cameo              TEXT NOT NULL,
    cameo_root         TEXT NOT NULL,
    place_id           INTEGER REFERENCES places(id),
    place_text         TEXT,
    place_start        INTEGER,
    place_end          INTEGER,
    time_value         TEXT,
    time_precision     TEXT NOT NULL,
    time_source        TEXT NOT NULL,
    time_mod           TEXT,
    timex_start        INTEGER,
    timex_end          INTEGER,
    modality           TEXT NOT NULL,
    attribution_text   TEXT,
    attribution_start  INTEGER,
    attribution_end    INTEGER,
    attribution_source TEXT,
    sentence           INTEGER NOT NULL,
    sentence_start     INTEGER,
    sentence_end       INTEGER,
    confidence         REAL NOT NULL,
    rule               TEXT NOT NULL DEFAULT '',
    event_id           INTEGER REFERENCES events(id) ON DELETE SET NULL,
    evidence_rowid     INTEGER,
    UNIQUE (article_id, ordinal)
);
CREATE INDEX mentions_event_article ON mentions(event_id, article_id);
CREATE INDEX mentions_article_sentence ON mentions(article_id, sentence);

CREATE TABLE mention_actors (
    mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    position   INTEGER NOT NULL,
    actor_id   INTEGER NOT NULL REFERENCES actors(id),
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    PRIMARY KEY (mention_id, role, position)
) WITHOUT ROWID;
CREATE INDEX mention_actors_actor ON mention_actors(actor_id);

-- Full-text index of the evidence: the sentence of each mention, under the rowid
-- event_id * 1024 + n (n counts the event's mentions; the 1025th and later are not indexed, the
-- event is found by its first 1024).  A search thus yields event ids by arithmetic, with no
-- lookup per hit, which keeps full-text timeline queries fast over millions of events.
CREATE VIRTUAL TABLE evidence_fts USING fts5(text);
CREATE TRIGGER mentions_evidence_delete AFTER DELETE ON mentions WHEN old.evidence_rowid IS NOT NULL BEGIN
    DELETE FROM evidence_fts WHERE rowid = old.evidence_rowid;
END;
