-- How each file was read (encoding, dialect, header line, skipped lines), and the original text of rows that could not be split into cells.
ALTER TABLE "Upload" ADD COLUMN "reading" JSONB;
ALTER TABLE "InvalidRow" ADD COLUMN "text" TEXT;
