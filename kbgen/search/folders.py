"""Where a site's search files live, apart from the code that writes them, so that what only needs the names
(the link check's reserved URLs, the cache headers) does not load the index builder."""

PREFIX = "kb-search"
# Every content-named file sits below this folder (``kb-search/immutable/<lang>/t/<name>.kbs``), so one path prefix
# tells a host what it may cache forever (README: "Cache headers"); everything else must be revalidated.
IMMUTABLE = "immutable"
