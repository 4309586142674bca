"""The people job's steps in polars, as the baseline for people-job.bench.ts: read, normalise,
drop invalid rows, de-duplicate on email, write CSV. Prints one JSON line with its counts."""
import json
import sys

import polars as pl

EMAIL = r"^[^\s@]+@[^\s@]+\.[^\s@]+$"
source, output = sys.argv[1], sys.argv[2]

people = pl.read_csv(source, infer_schema=False)
columns = {name.strip().lower(): name for name in people.columns}
email, employees, revenue = columns["e-mail"], columns["employees"], columns["annual revenue"]
number = lambda name: pl.col(name).str.replace_all(r"[$,\s]", "")
people = people.with_columns(
    pl.col(email).str.strip_chars().str.to_lowercase(),
    number(employees).cast(pl.Int64, strict=False).alias("_employees"),
    number(revenue).cast(pl.Float64, strict=False).alias("_revenue"),
)
valid = people.filter(
    pl.col(email).str.contains(EMAIL)
    & (pl.col(employees).is_null() | pl.col("_employees").is_not_null())
    & (pl.col(revenue).is_null() | pl.col("_revenue").is_not_null())
)
merged = valid.unique(subset=[email], keep="first", maintain_order=True).drop("_employees", "_revenue")
merged.write_csv(output)
print(json.dumps({"rows": people.height, "valid": valid.height, "written": merged.height}))
