-- The portal's content pages (信用动态, 政策法规, 通知公告, 典型案例, 信用承诺公示, 办事指南, 联系我们), written in Markdown by the
-- credit agency's staff. A page is published or not; every saved version is kept.
CREATE TABLE content_pages (
  id            {{id}},
  section       TEXT NOT NULL,              -- news | policies | notices | cases | commitments | guide | contact
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,              -- Markdown (raw HTML is not rendered)
  published     {{bool}} NOT NULL,
  published_at  {{ts}},                     -- when it was last published (the date the public sees)
  version       INTEGER NOT NULL,
  updated_at    {{ts}} NOT NULL,
  updated_by    TEXT NOT NULL
);
CREATE INDEX content_pages_section ON content_pages (section, published, published_at);

CREATE TABLE content_page_versions (
  page_id    {{bigint}} NOT NULL REFERENCES content_pages(id),
  version    INTEGER NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  published  {{bool}} NOT NULL,
  saved_at   {{ts}} NOT NULL,
  saved_by   TEXT NOT NULL,
  note       TEXT NOT NULL,                 -- what the save did: 新建, 修改, 发布, 撤回
  PRIMARY KEY (page_id, version)
);
