-- Every blind code and the response behind it (ratings may name their item by the code raters saw).
SELECT blind_code, response_id FROM blind_codes;
