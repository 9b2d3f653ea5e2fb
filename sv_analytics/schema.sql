-- The one schema of sv-analytics (DuckDB). Version: see SCHEMA_VERSION in db.py.
--
-- Conventions
-- * Codes of closed lists (sector, BRAVO-thema, doelgroep …) are stored as codes; their
--   Dutch labels live in table lookup (filled from sv_analytics/vocab.py).
-- * Every content row carries dataset_id: the provenance of the file or generator run it
--   came from (table dataset). Demo content is flagged there with is_demo.
-- * Months are stored as the DATE of their first day, quarters as the first day of the
--   quarter.
-- * No FOREIGN KEY constraints: DuckDB refuses to delete a referenced parent row even when
--   its children are deleted in the same transaction, which would make the all-or-nothing
--   replace of a kern's data impossible. References are checked by the importers and by
--   db.integrity_problems() instead.
-- * Only aggregated counts: there is no table for persons.

-- ---------------------------------------------------------------- bookkeeping
CREATE TABLE schema_meta (
    key   VARCHAR PRIMARY KEY,   -- schema_version, data_version
    value VARCHAR NOT NULL
);

CREATE TABLE dataset (
    dataset_id  VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL,   -- registry | demo | monitoring | cbs | rivm | pdok
    source      VARCHAR NOT NULL,   -- who published it, e.g. "CBS Kerncijfers wijken en buurten"
    year        INTEGER,            -- reference year of the content, if one
    file_name   VARCHAR,
    file_hash   VARCHAR,            -- sha256 of the file (or of the generator's parameters)
    imported_at TIMESTAMP NOT NULL,
    is_demo     BOOLEAN NOT NULL,
    note        VARCHAR
);

CREATE SEQUENCE import_log_seq;
CREATE TABLE import_log (
    log_id      BIGINT PRIMARY KEY DEFAULT nextval('import_log_seq'),
    dataset_id  VARCHAR,
    action      VARCHAR NOT NULL,   -- demo | import | rejected
    file_name   VARCHAR,
    file_hash   VARCHAR,
    kern_id     VARCHAR,
    rows_json   VARCHAR,            -- {"table": rows written}
    status      VARCHAR NOT NULL,   -- ok | rejected | failed
    message     VARCHAR,
    logged_at   TIMESTAMP NOT NULL,
    user_name   VARCHAR             -- who: the user's e-mail/name, 'lokaal' in local mode, 'cli' (v3)
);

-- Every write of a kern's data (a workbook import, an undo) is a revision. The rows it
-- deleted ('D') and inserted ('I') are kept in rev_<table>, one typed shadow table per
-- content table, made by db.create_revision_tables from the table itself (not listed here,
-- so the shadow can never differ from its table). Undo deletes the 'I' rows and puts the
-- 'D' rows back.
CREATE SEQUENCE revision_seq;
CREATE TABLE revision (
    revision_id BIGINT PRIMARY KEY,
    kern_id     VARCHAR,
    action      VARCHAR NOT NULL,   -- import | vervangen | ongedaan
    user_name   VARCHAR NOT NULL,   -- who; 'lokaal' until the app has logins
    created_at  TIMESTAMP NOT NULL,
    file_name   VARCHAR,
    file_hash   VARCHAR,
    dataset_id  VARCHAR,
    undoes      BIGINT,             -- for action ongedaan: the revision restored to before
    undone_by   BIGINT,             -- the revision that undid this one
    summary     VARCHAR,            -- one Dutch sentence: what changed
    changes_json VARCHAR            -- {"table": [rows deleted, rows inserted]}
);

CREATE TABLE lookup (
    list_name  VARCHAR NOT NULL,
    code       VARCHAR NOT NULL,
    label      VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL,
    PRIMARY KEY (list_name, code)
);

-- The people who may log in (schema version 3), managed on the page Beheer and with
-- `python -m sv_analytics users`. Identity is the identity provider's issuer + subject (the
-- token's `iss` and `sub`); the e-mail address is shown, never trusted as identity. Role and
-- scope come from here, never from token claims: beheerder and evaluator see every kern, a
-- gemeente user one gemeente, a projectleider one kern (sv_analytics/access.py).
CREATE TABLE app_user (
    issuer        VARCHAR NOT NULL,
    subject       VARCHAR NOT NULL,
    email         VARCHAR,
    name          VARCHAR,
    role          VARCHAR NOT NULL CHECK (role IN ('beheerder', 'evaluator', 'gemeente', 'projectleider')),
    gemeente_code VARCHAR,
    kern_id       VARCHAR,
    created_at    TIMESTAMP NOT NULL,
    created_by    VARCHAR NOT NULL,   -- who added the user ('cli', 'lokaal', a beheerder's e-mail)
    updated_at    TIMESTAMP,
    PRIMARY KEY (issuer, subject),
    CHECK (
        (role IN ('beheerder', 'evaluator') AND gemeente_code IS NULL AND kern_id IS NULL)
        OR (role = 'gemeente' AND gemeente_code IS NOT NULL AND kern_id IS NULL)
        OR (role = 'projectleider' AND kern_id IS NOT NULL AND gemeente_code IS NULL)
    )
);

-- ---------------------------------------------------------------- places
CREATE TABLE gemeente (
    gemeente_code  VARCHAR PRIMARY KEY CHECK (regexp_full_match(gemeente_code, 'GM[0-9]{4}')),
    name           VARCHAR NOT NULL,
    provincie_code VARCHAR NOT NULL,     -- PV23 = Overijssel
    in_programme   BOOLEAN NOT NULL,
    dataset_id     VARCHAR NOT NULL
);

CREATE TABLE kern (
    kern_id            VARCHAR PRIMARY KEY,   -- stable slug, e.g. 'bathmen'
    name               VARCHAR NOT NULL,
    gemeente_code      VARCHAR NOT NULL,
    kern_type          VARCHAR NOT NULL,      -- vocab kern_type
    lat                DOUBLE NOT NULL CHECK (lat BETWEEN 50 AND 54),
    lon                DOUBLE NOT NULL CHECK (lon BETWEEN 3 AND 8),
    start_date         DATE,
    inhabitants        INTEGER CHECK (inhabitants >= 0),
    inhabitants_source VARCHAR,
    inhabitants_year   INTEGER,
    projectleider_role VARCHAR,               -- a role ("projectleider, 0,1 fte"), never a name
    dataset_id         VARCHAR NOT NULL
);

-- The CBS wijk/buurt codes a kern covers, per year (codes change between years).
CREATE TABLE kern_region (
    kern_id      VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    region_code  VARCHAR NOT NULL,   -- WK014120, BU01412000 …
    region_level VARCHAR NOT NULL,   -- wijk | buurt
    dataset_id   VARCHAR NOT NULL,
    PRIMARY KEY (kern_id, year, region_code)
);

CREATE TABLE kern_target_group (
    kern_id    VARCHAR NOT NULL,
    doelgroep  VARCHAR NOT NULL,
    dataset_id VARCHAR NOT NULL,
    PRIMARY KEY (kern_id, doelgroep)
);

CREATE TABLE facility (
    facility_id   VARCHAR PRIMARY KEY,
    kern_id       VARCHAR NOT NULL,
    facility_type VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    lat           DOUBLE,
    lon           DOUBLE,
    dataset_id    VARCHAR NOT NULL
);

-- ---------------------------------------------------------------- public context
-- Long form: one value per region, year, age group and indicator.
CREATE TABLE statistic (
    region_code  VARCHAR NOT NULL,   -- NL01, PV23, GM0150, WK015015, BU…, kern_id, 7437
    region_level VARCHAR NOT NULL,   -- vocab region_level
    year         INTEGER NOT NULL,
    age_group    VARCHAR NOT NULL,   -- vocab stat_age_group
    indicator    VARCHAR NOT NULL,   -- inwoners, wekelijks_sporter_pct …
    value        DOUBLE,             -- NULL = missing or secret in the source
    unit         VARCHAR NOT NULL,   -- aantal | % | km | …
    source       VARCHAR NOT NULL,
    dataset_id   VARCHAR NOT NULL,
    PRIMARY KEY (region_code, region_level, year, age_group, indicator, source)
);

CREATE TABLE geometry (
    region_code  VARCHAR NOT NULL,
    region_level VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    name         VARCHAR,
    geojson      VARCHAR NOT NULL,   -- GeoJSON geometry in WGS84 (EPSG:4326)
    source       VARCHAR NOT NULL,
    dataset_id   VARCHAR NOT NULL,
    PRIMARY KEY (region_code, region_level, year, source)
);

-- ---------------------------------------------------------------- sociale kaart
CREATE TABLE organisation (
    org_id           VARCHAR PRIMARY KEY,
    kern_id          VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,   -- an organisation's name, never a person's
    sector           VARCHAR NOT NULL,
    in_project_group BOOLEAN NOT NULL,
    lat              DOUBLE,
    lon              DOUBLE,
    dataset_id       VARCHAR NOT NULL
);

CREATE TABLE organisation_role (
    org_id     VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,
    dataset_id VARCHAR NOT NULL,
    PRIMARY KEY (org_id, role)
);

CREATE TABLE agreement (
    agreement_id VARCHAR PRIMARY KEY,
    kern_id      VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,    -- afspraak | convenant | doorverwijsnetwerk | werkgroep
    description  VARCHAR NOT NULL,
    start_date   DATE NOT NULL,
    end_date     DATE,
    status       VARCHAR NOT NULL,
    dataset_id   VARCHAR NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE agreement_party (
    agreement_id VARCHAR NOT NULL,
    org_id       VARCHAR NOT NULL,
    dataset_id   VARCHAR NOT NULL,
    PRIMARY KEY (agreement_id, org_id)
);

-- ---------------------------------------------------------------- wensen en behoeften
CREATE TABLE survey (
    survey_id   VARCHAR PRIMARY KEY,
    kern_id     VARCHAR NOT NULL,
    held_on     DATE NOT NULL,
    invited     INTEGER CHECK (invited >= 0),
    respondents INTEGER NOT NULL CHECK (respondents >= 0),
    dataset_id  VARCHAR NOT NULL,
    CHECK (invited IS NULL OR respondents <= invited)
);

CREATE TABLE survey_result (
    survey_id  VARCHAR NOT NULL,
    question   VARCHAR NOT NULL,   -- vocab survey_question
    answer     VARCHAR NOT NULL,
    n          INTEGER NOT NULL CHECK (n >= 0),
    dataset_id VARCHAR NOT NULL,
    PRIMARY KEY (survey_id, question, answer)
);

-- ---------------------------------------------------------------- aanbod en deelname
CREATE TABLE activity (
    activity_id     VARCHAR PRIMARY KEY,
    kern_id         VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    provider_org_id VARCHAR,
    kind            VARCHAR NOT NULL,   -- vocab activity_kind
    novelty         VARCHAR NOT NULL,   -- nieuw | vernieuwd | bestaand
    membership_form VARCHAR NOT NULL,
    start_date      DATE NOT NULL,
    end_date        DATE,
    fee_eur         DECIMAL(8, 2) CHECK (fee_eur >= 0),
    location        VARCHAR,
    -- The Loket Gezond Leven intervention the activity carries out and its recognition
    -- level (schema version 4; both optional). The codes are vocab.RECOGNITION_LEVEL, in
    -- order (tests/test_schema.py checks that this list and the vocabulary agree).
    intervention_name VARCHAR,
    recognition_level VARCHAR CHECK (recognition_level IN (
        'goed_beschreven', 'goed_onderbouwd', 'eerste_aanwijzingen', 'goede_aanwijzingen',
        'sterke_aanwijzingen'
    )),
    dataset_id      VARCHAR NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK (recognition_level IS NULL OR intervention_name IS NOT NULL)
);

CREATE TABLE activity_theme (
    activity_id VARCHAR NOT NULL,
    bravo_theme VARCHAR NOT NULL,
    dataset_id  VARCHAR NOT NULL,
    PRIMARY KEY (activity_id, bravo_theme)
);

CREATE TABLE activity_target_group (
    activity_id VARCHAR NOT NULL,
    doelgroep   VARCHAR NOT NULL,
    dataset_id  VARCHAR NOT NULL,
    PRIMARY KEY (activity_id, doelgroep)
);

CREATE TABLE participation (
    activity_id         VARCHAR NOT NULL,
    month               DATE NOT NULL CHECK (day(month) = 1),
    participants        INTEGER NOT NULL CHECK (participants >= 0),
    new_participants    INTEGER NOT NULL CHECK (new_participants >= 0),
    previously_inactive INTEGER NOT NULL CHECK (previously_inactive >= 0),
    dataset_id          VARCHAR NOT NULL,
    PRIMARY KEY (activity_id, month),
    CHECK (new_participants <= participants),
    CHECK (previously_inactive <= new_participants)
);

-- Breakdown of a month's participants: by doelgroep (groups may overlap), age band, sex.
CREATE TABLE participation_breakdown (
    activity_id VARCHAR NOT NULL,
    month       DATE NOT NULL,
    dimension   VARCHAR NOT NULL,   -- doelgroep | leeftijd | geslacht
    category    VARCHAR NOT NULL,
    n           INTEGER NOT NULL CHECK (n >= 0),
    dataset_id  VARCHAR NOT NULL,
    PRIMARY KEY (activity_id, month, dimension, category)
);

CREATE TABLE referral (
    kern_id        VARCHAR NOT NULL,
    month          DATE NOT NULL CHECK (day(month) = 1),
    from_sector    VARCHAR NOT NULL,   -- vocab referral_sector
    from_org_id    VARCHAR,
    to_activity_id VARCHAR NOT NULL,
    doelgroep      VARCHAR NOT NULL,
    n              INTEGER NOT NULL CHECK (n >= 0),
    dataset_id     VARCHAR NOT NULL,
    PRIMARY KEY (kern_id, month, from_sector, to_activity_id, doelgroep)
);

CREATE TABLE volunteer (
    kern_id    VARCHAR NOT NULL,
    quarter    DATE NOT NULL CHECK (day(quarter) = 1 AND month(quarter) IN (1, 4, 7, 10)),
    active     INTEGER NOT NULL CHECK (active >= 0),
    new        INTEGER NOT NULL CHECK (new >= 0),
    dataset_id VARCHAR NOT NULL,
    PRIMARY KEY (kern_id, quarter),
    CHECK (new <= active)
);

-- ---------------------------------------------------------------- sturing
CREATE TABLE werkplan_action (
    action_id     VARCHAR PRIMARY KEY,
    kern_id       VARCHAR NOT NULL,
    werkplan_year INTEGER NOT NULL,
    phase         INTEGER NOT NULL CHECK (phase BETWEEN 1 AND 4),
    description   VARCHAR NOT NULL,
    planned_start DATE NOT NULL,
    planned_end   DATE NOT NULL,
    status        VARCHAR NOT NULL,   -- gepland | bezig | gereed | vervallen
    completed_on  DATE,
    dataset_id    VARCHAR NOT NULL,
    CHECK (planned_end >= planned_start),
    CHECK ((status = 'gereed') = (completed_on IS NOT NULL))
);

CREATE TABLE target (
    kern_id        VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    indicator_code VARCHAR NOT NULL,   -- a code of the indicator registry
    value          DOUBLE NOT NULL,
    dataset_id     VARCHAR NOT NULL,
    PRIMARY KEY (kern_id, year, indicator_code)
);

-- ---------------------------------------------------------------- evaluatie
CREATE TABLE evaluation (
    kern_id                 VARCHAR NOT NULL,
    moment                  VARCHAR NOT NULL,   -- tussentijds_2017 | eind_2018
    held_on                 DATE NOT NULL,
    structure               VARCHAR NOT NULL,   -- vocab structure
    continues_after_subsidy BOOLEAN,            -- NULL = not yet known
    summary                 VARCHAR,
    dataset_id              VARCHAR NOT NULL,
    PRIMARY KEY (kern_id, moment)
);

CREATE TABLE evaluation_subgoal (
    kern_id     VARCHAR NOT NULL,
    moment      VARCHAR NOT NULL,
    subgoal     INTEGER NOT NULL CHECK (subgoal BETWEEN 1 AND 3),
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),   -- vocab subgoal_score
    explanation VARCHAR,
    dataset_id  VARCHAR NOT NULL,
    PRIMARY KEY (kern_id, moment, subgoal)
);

CREATE TABLE evaluation_factor (
    factor_id   VARCHAR PRIMARY KEY,
    kern_id     VARCHAR NOT NULL,
    moment      VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,   -- succes | faal
    category    VARCHAR NOT NULL,
    phase       INTEGER CHECK (phase BETWEEN 1 AND 4),
    description VARCHAR NOT NULL,
    context     VARCHAR,            -- context → mechanism → outcome, where given
    mechanism   VARCHAR,
    outcome     VARCHAR,
    dataset_id  VARCHAR NOT NULL
);

CREATE TABLE kennisplein_item (
    item_id      VARCHAR PRIMARY KEY,
    kern_id      VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,   -- goede_praktijk | les
    title        VARCHAR NOT NULL,
    body         VARCHAR NOT NULL,
    theme        VARCHAR NOT NULL,   -- vocab bravo_theme or factor_category
    phase        INTEGER CHECK (phase BETWEEN 1 AND 4),
    published_on DATE NOT NULL,
    dataset_id   VARCHAR NOT NULL,
    links        VARCHAR             -- web addresses, 'a; b' (added in schema version 2)
);

CREATE TABLE kennisplein_target_group (
    item_id    VARCHAR NOT NULL,
    doelgroep  VARCHAR NOT NULL,
    dataset_id VARCHAR NOT NULL,
    PRIMARY KEY (item_id, doelgroep)
);
