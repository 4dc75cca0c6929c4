-- What a generated document was made from: the content of the document (its figures, its
-- structure and the coordinator's texts), without any text in a language, as JSON. It is kept
-- with the file so that a published implementation report can be shown again as a page, in any
-- interface language, exactly as it was generated. Runs made before this column have none.

ALTER TABLE document_runs ADD COLUMN snapshot jsonb;
COMMENT ON COLUMN document_runs.snapshot IS 'The language-neutral content the document was generated from (ariadne.document-snapshot)';
