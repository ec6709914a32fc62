"""Runs that analyse a corpus and write it to a store (`dyads.store`).

    from dyads.run.ingest import ingest                 # this machine: worker processes
    report = ingest(["news.jsonl.gz"], db="corpus.duckdb", processes=2)
    from dyads.run.distributed import ingest_dask       # a Dask cluster

- ingest.py: the local run (read, triage, analyse, write), also `dyads serve FILE`'s;
- triage.py: which documents need analysing, one lookup shared by both runs;
- workers.py: the analysis in this process or in worker processes; progress.py: what the user sees;
- distributed.py: the Dask client's run; shards.py: what its workers write and how it is merged;
- version.py: the pipeline version rows are stamped with (the store takes it as given).
"""
