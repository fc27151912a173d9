"""Airflow DAG `pantau_daily`: the whole day on one machine, one task per step.

The steps and their order are `pipelines.spec.DAILY`; this file imports nothing heavy.
"""

from pipelines.airflow_dag import build_dag
from pipelines.spec import DAILY

dag = build_dag(DAILY)
