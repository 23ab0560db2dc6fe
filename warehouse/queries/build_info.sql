-- Provenance of this warehouse build.
SELECT key, value FROM build_info ORDER BY key;
