"""Airflow DAG `pantau_daily_sharded`: the same day, normalise/embed/score fanned out.

The steps are `pipelines.spec.SHARDED`; partitions are PANTAU_SHARDS Parquet files under
PANTAU_SHARD_DIR, and embedding tasks go to the Celery queue PANTAU_EMBED_QUEUE
(`pipelines.sharding` for the data flow, docs/scaling.md for deployment). Enable this DAG *or*
`pantau_daily`, not both: they write the same days. It is created paused.
"""

from pipelines.airflow_dag import build_dag
from pipelines.spec import SHARDED

dag = build_dag(SHARDED)
