"""Writers of dateline results: the extract record, TimeML, GDELT TSV, tables (CSV, Parquet)."""
