-- Translations imported from gettext .po files (`schedules import translations`). One row per
-- language, scope and msgid: `site` is a site domain (lower case) or '' for a global override.
-- `forms` is the JSON of the catalog entry: a string, or an object of CLDR plural categories.
-- Rendering reads site rows over global rows over the catalogs shipped with the tool.
CREATE TABLE translations (
  language TEXT NOT NULL,
  site TEXT NOT NULL DEFAULT '',
  msgid TEXT NOT NULL,
  forms TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (language, site, msgid)
) WITHOUT ROWID;
