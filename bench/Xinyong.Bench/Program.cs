using Xinyong.Bench;

// One subcommand per benchmark; each parses its own options and prints its figures.
// Add a benchmark as a class with `static int Run(string[] args)` and a case below.
return args.Length == 0 ? Usage() : args[0] switch
{
    "report" => ReportBench.Run(args[1..]),
    "import" => ImportBench.Run(args[1..]),
    "import-one" => ImportBench.RunOne(args[1..]),
    "import-stages" => ImportBench.Stages(args[1..]),
    "report-issue" => ReportIssueBench.Run(args[1..]),
    "objections" => ObjectionBench.Run(args[1..]),
    "portal" => PortalBench.Run(args[1..]),
    "checks" => CheckBench.Run(args[1..]),
    "grade" => GradeBench.Run(args[1..]),
    "network" => NetworkBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: xinyong-bench <benchmark> [options]
          report [--iterations N] [--warmup N] [--records N]
              render and sign a credit report N times (default 200 after 20 warm-up runs, 100 records)
          import [--rows N] [--stores sqlite,postgres] [--pg CONNSTR] [--work DIR]
              import N penalty rows (default 1,000,000) through the pipeline and as a raw load, on each store
          import-stages FILE
              time parsing, validation and serialization of a CSV without a store
          report-issue [--iterations N] [--warmup N] [--records N]
              issue a report from a SQLite store and check it online, N times (default 100 after 10 warm-up runs, 100 records)
          objections [--objections N] [--queries N]
              file N objections over 10 units (default 5000), time the worklist and the deadline watch;
              on PostgreSQL when XINYONG_BENCH_PG names a server
          portal --store sqlite|postgres [--db FILE|CONNECTION] [--subjects N] [--records N] [--queries N] [--warmup N]
              search and subject-page latency over HTTP at 1,000,000 subjects and 10,000,000 records (defaults);
              the dataset is generated into the store once (SQLite default: bench-data/portal-N-M.db) and reused
          checks --store sqlite|postgres [--db PATH|CONNECTION] [--subjects N] [--records N] [--entries N]
                 [--iterations N] [--logged N] [--seconds N]
              Art. 43-44 checks at the province's scale (default 1,000,000 subjects, 10,000,000 records, 650,000 list
              entries, generated once and kept): in-process latency, then wrk over HTTP at 8, 32 and 128 connections
          grade [--subjects N] [--records M] [--db FILE] [--samples K]
              comprehensive credit evaluation (default 100,000 subjects, 385,000 records, the seeds' ratio): the evaluator
              alone, a full re-grade through the store, and the incremental re-grade of one subject; extrapolated to 2.63M
          network [--records N] [--batch N] [--file N]
              a city and the provincial node on Kestrel in this process: N records (default 100,000) collected at the city
              in files of --file while forwarding runs in batches of --batch; throughput and end-to-end delay; on
              PostgreSQL when XINYONG_BENCH_PG names a server
        """);
    return 2;
}
